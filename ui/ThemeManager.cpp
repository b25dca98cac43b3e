#include "ThemeManager.h"

#include "ConversationDelegate.h"

#include "ChatView.h"

#include <QApplication>
#include <QListView>
#include <QPlainTextEdit>
#include <QStyle>
#include <QStyleFactory>
#include <QTextEdit>

#include <memory>

namespace penpal {

namespace {

// What the platform gave the application before any theme was applied: "system" goes back
// to it.
struct PlatformLook {
    QString styleName;
    QFont font;
};

const PlatformLook &platformLook()
{
    static const PlatformLook look{QApplication::style() ? QApplication::style()->name() : QString(),
                                   QApplication::font()};
    return look;
}

// The classes whose font follows the scale: the thread and every editor (prompt, Translate,
// Draft).
const char *const kScaledClasses[] = {"penpal::ChatView", "QTextEdit", "QPlainTextEdit"};

} // namespace

ThemeManager::ThemeManager(Settings *settings, QWidget *root)
    : QObject(root)
    , m_settings(settings)
    , m_root(root)
{
    setObjectName(QStringLiteral("themeManager"));
    platformLook();
    connect(m_settings, &Settings::changed, this, [this](Settings::Key key) {
        if (key == Settings::Theme)
            applyTheme();
        else if (key == Settings::FontScale)
            applyFontScale();
        else if (key == Settings::Density)
            applyDensity();
    });
    apply();
}

void ThemeManager::apply()
{
    applyTheme();
    applyFontScale();
    applyDensity();
}

QPalette ThemeManager::lightPalette()
{
    std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return fusion ? fusion->standardPalette() : QPalette(QColor(239, 239, 239));
}

QPalette ThemeManager::darkPalette()
{
    QPalette p;
    const QColor window(45, 45, 48);
    const QColor base(30, 30, 32);
    const QColor text(230, 230, 230);
    const QColor disabledText(127, 127, 127);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(255, 80, 80));
    p.setColor(QPalette::Light, QColor(70, 70, 74));
    p.setColor(QPalette::Midlight, QColor(58, 58, 62));
    p.setColor(QPalette::Mid, QColor(38, 38, 40));
    p.setColor(QPalette::Dark, QColor(22, 22, 24));
    p.setColor(QPalette::Shadow, QColor(0, 0, 0));
    p.setColor(QPalette::Link, QColor(110, 170, 255));
    p.setColor(QPalette::LinkVisited, QColor(170, 140, 255));
    p.setColor(QPalette::Highlight, QColor(42, 130, 218));
    p.setColor(QPalette::HighlightedText, Qt::white);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(80, 80, 80));
    return p;
}

bool ThemeManager::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

int ThemeManager::clampedScale(int percent)
{
    return qBound(80, percent, 200);
}

void ThemeManager::applyTheme()
{
    const QString theme = m_settings->value(Settings::Theme).toString();
    const bool fixed = theme == QLatin1String("light") || theme == QLatin1String("dark");
    const QString styleName = fixed ? QStringLiteral("Fusion") : platformLook().styleName;
    if (!styleName.isEmpty() && QApplication::style()->name().compare(styleName, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(styleName);
    if (theme == QLatin1String("dark"))
        QApplication::setPalette(darkPalette());
    else if (theme == QLatin1String("light"))
        QApplication::setPalette(lightPalette());
    else
        QApplication::setPalette(QPalette()); // nothing set: the platform's (and style's) palette
}

void ThemeManager::applyFontScale()
{
    const int percent = clampedScale(m_settings->value(Settings::FontScale).toInt());
    QFont font = platformLook().font;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * percent / 100.0);
    else
        font.setPixelSize(qMax(1, font.pixelSize() * percent / 100));
    for (const char *className : kScaledClasses)
        QApplication::setFont(font, className);
}

void ThemeManager::applyDensity()
{
    if (!m_root)
        return;
    const bool compact = m_settings->value(Settings::Density).toString() == QLatin1String("compact");
    for (ChatView *view : m_root->findChildren<ChatView *>())
        view->setCompact(compact);
    // Rows keep spanning the list (titles elide at its edge): compact rows are lower, not
    // spaced differently.
    if (auto *list = m_root->findChild<QListView *>(QStringLiteral("conversationList"))) {
        if (auto *rows = qobject_cast<ConversationDelegate *>(list->itemDelegate())) {
            rows->setCompact(compact);
            list->doItemsLayout();
        }
    }
}

} // namespace penpal
