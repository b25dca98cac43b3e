// Settings → Appearance: theme, text size and density apply at once to the application and
// the thread, and are kept in the settings.
#include "AppearancePage.h"
#include "ChatView.h"
#include "MainWindow.h"
#include "StoreTestHelpers.h"
#include "TestContext.h"
#include "ThemeManager.h"
#include "chat/AppContext.h"
#include "model/MessageListModel.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QApplication>
#include <QComboBox>
#include <QListView>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

class TestTheme : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void themeSwitchesPalettes();
    void fontScaleChangesThreadFont();
    void densityChangesSpacing();

private:
    static void choose(QComboBox *box, const QString &value)
    {
        const int i = box->findData(value);
        QVERIFY(i >= 0);
        box->setCurrentIndex(i);
    }
    // The colour a person sees in the thread's empty area, under the messages' bubbles.
    static QColor threadBackground(ChatView *view)
    {
        const QImage image = view->viewport()->grab().toImage();
        return image.pixelColor(image.width() - 2, image.height() - 2);
    }

    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<AppearancePage> m_page;
    ChatView *m_view = nullptr;
};

void TestTheme::init()
{
    m_dir = new QTemporaryDir;
    m_ctx = makeTestContext(m_dir->path(), QUrl(QStringLiteral("http://127.0.0.1:9")));
    QVERIFY(m_ctx);
    const qint64 id = newConversation(*m_ctx->store(), QStringLiteral("Colours"));
    const qint64 q = addMsg(*m_ctx->store(), id, 0, Role::User, QStringLiteral("Which colour is the sky?"));
    addMsg(*m_ctx->store(), id, q, Role::Assistant, QStringLiteral("Mostly **blue**, by day."));
    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->resize(900, 600);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->openConversation(id);
    m_view = m_window->findChild<ChatView *>(QStringLiteral("chatView"));
    QVERIFY(m_view);
    QTRY_COMPARE(m_view->model()->rowCount(), 2);
    m_page = std::make_unique<AppearancePage>(m_ctx.get());
}

void TestTheme::cleanup()
{
    // Back to the platform's look for the next test.
    if (m_ctx) {
        m_ctx->settings()->setValue(Settings::Theme, QStringLiteral("system"));
        m_ctx->settings()->setValue(Settings::FontScale, 100);
        m_ctx->settings()->setValue(Settings::Density, QStringLiteral("comfortable"));
    }
    m_page.reset();
    m_window.reset();
    m_ctx.reset();
    delete m_dir;
    m_dir = nullptr;
}

void TestTheme::themeSwitchesPalettes()
{
    const QPalette platform = QApplication::palette();
    auto *theme = m_page->findChild<QComboBox *>(QStringLiteral("themeCombo"));
    QVERIFY(theme);
    QCOMPARE(theme->currentData().toString(), QStringLiteral("system"));

    choose(theme, QStringLiteral("dark"));
    QVERIFY(ThemeManager::isDark(QApplication::palette()));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightnessF() < 0.3);
    QVERIFY(QApplication::palette().color(QPalette::Text).lightnessF() > 0.7);
    QTRY_VERIFY(ThemeManager::isDark(m_view->palette()));
    QTRY_VERIFY(threadBackground(m_view).lightnessF() < 0.3);
    QCOMPARE(m_ctx->settings()->value(Settings::Theme).toString(), QStringLiteral("dark"));
    // Kept in the settings file.
    m_ctx->settings()->sync();
    Settings reread(m_ctx->settings()->fileName());
    QCOMPARE(reread.value(Settings::Theme).toString(), QStringLiteral("dark"));

    choose(theme, QStringLiteral("light"));
    QVERIFY(!ThemeManager::isDark(QApplication::palette()));
    QVERIFY(QApplication::palette().color(QPalette::Text).lightnessF() < 0.3);
    QTRY_VERIFY(!ThemeManager::isDark(m_view->palette()));
    QTRY_VERIFY(threadBackground(m_view).lightnessF() > 0.7);

    choose(theme, QStringLiteral("dark"));
    choose(theme, QStringLiteral("system"));
    QCOMPARE(QApplication::palette().color(QPalette::Window), platform.color(QPalette::Window));
    QCOMPARE(QApplication::palette().color(QPalette::Text), platform.color(QPalette::Text));
    QCOMPARE(QApplication::palette().color(QPalette::Base), platform.color(QPalette::Base));
    QTRY_COMPARE(m_view->palette().color(QPalette::Base), platform.color(QPalette::Base));
}

void TestTheme::fontScaleChangesThreadFont()
{
    auto *scale = m_page->findChild<QSpinBox *>(QStringLiteral("fontScaleSpin"));
    auto *editor = m_window->findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    QVERIFY(scale && editor);
    QCOMPARE(scale->value(), 100);
    const qreal before = m_view->font().pointSizeF();
    const qreal editorBefore = editor->font().pointSizeF();
    QVERIFY(before > 0);
    QTRY_VERIFY(!m_view->rowRect(1).isEmpty());
    const int rowBefore = m_view->rowRect(1).height();

    scale->setValue(150);
    QCOMPARE(m_ctx->settings()->value(Settings::FontScale).toInt(), 150);
    QVERIFY(qAbs(m_view->font().pointSizeF() - before * 1.5) < 0.01);
    QVERIFY(qAbs(editor->font().pointSizeF() - editorBefore * 1.5) < 0.01);
    QTRY_VERIFY(!m_view->rowRect(1).isEmpty());
    QVERIFY(m_view->rowRect(1).height() > rowBefore);

    scale->setValue(100);
    QVERIFY(qAbs(m_view->font().pointSizeF() - before) < 0.01);
}

void TestTheme::densityChangesSpacing()
{
    auto *density = m_page->findChild<QComboBox *>(QStringLiteral("densityCombo"));
    auto *list = m_window->findChild<QListView *>(QStringLiteral("conversationList"));
    QVERIFY(density && list);
    QCOMPARE(density->currentData().toString(), QStringLiteral("comfortable"));
    QTRY_VERIFY(!m_view->rowRect(0).isEmpty());
    const int comfortable = m_view->rowRect(0).height();
    QTRY_VERIFY(list->model()->rowCount() > 0);
    const int comfortableRow =
        list->visualRect(list->model()->index(list->model()->rowCount() - 1, 0)).height();

    choose(density, QStringLiteral("compact"));
    QCOMPARE(m_ctx->settings()->value(Settings::Density).toString(), QStringLiteral("compact"));
    QVERIFY(m_view->isCompact());
    QTRY_VERIFY(!m_view->rowRect(0).isEmpty());
    QVERIFY2(m_view->rowRect(0).height() < comfortable,
             qPrintable(QStringLiteral("%1 vs %2").arg(m_view->rowRect(0).height()).arg(comfortable)));
    QTRY_VERIFY(list->visualRect(list->model()->index(list->model()->rowCount() - 1, 0)).height() <
                comfortableRow);
    // Rows still span the list.
    QCOMPARE(list->visualRect(list->model()->index(0, 0)).width(), list->viewport()->width());

    choose(density, QStringLiteral("comfortable"));
    QTRY_COMPARE(m_view->rowRect(0).height(), comfortable);
}

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
