# What `cmake --install` lays out (GNUInstallDirs) and how CPack makes a .deb of it.
# Translations are compiled into the executable (qt_add_translations with RESOURCE_PREFIX), so
# the binary carries every language; Qt's own translations come from qt6-translations-l10n.
include(GNUInstallDirs)

set(PENPAL_APP_ID io.github.penpal.Penpal)
install(TARGETS penpal RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_SOURCE_DIR}/packaging/${PENPAL_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/${PENPAL_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/penpal.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
# Rendered from penpal.svg by packaging/scripts/render-icons.sh (checked in: no SVG renderer
# is needed to build).
foreach(size 16 24 32 48 64 128 256 512)
    install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/hicolor/penpal-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps RENAME penpal.png)
endforeach()

# `cpack -G DEB` in a build directory. Shared-library dependencies come from dpkg-shlibdeps;
# what Qt loads at run time as plug-ins (the SQLite driver, the X11/Wayland platform plug-ins)
# is not linked, so it is named here.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME penpal)
set(CPACK_PACKAGE_VENDOR "The Penpal developers")
set(CPACK_PACKAGE_CONTACT "The Penpal developers <penpal@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Native desktop assistant for large language models")
set(CPACK_PACKAGE_DESCRIPTION
    "Chat, draft and translate with OpenAI, OpenAI-compatible servers (Ollama, llama.cpp, vLLM,\n"
    "LM Studio, DeepSeek, OpenRouter), Anthropic and Azure OpenAI. Keys stay in the system\n"
    "keychain, history is kept in SQLite with full-text search, and nothing is sent anywhere\n"
    "but the configured providers.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "gnome-keyring | kwalletmanager | keepassxc, hunspell-en-us | hunspell-dictionary, qt6-translations-l10n")
include(CPack)
