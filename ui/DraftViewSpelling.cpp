// The Draft workspace's language and spell checking: the language combo ("Automatic" detects
// the language locally with CLD2), the spell highlighter on the editor, and suggestions at the
// top of the editor's context menu.
#include "DraftView.h"

#include "chat/AppContext.h"
#include "settings/Settings.h"
#include "store/Store.h"
#include "translate/LanguageDetector.h"

#include <QComboBox>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QTextCursor>
#include <QToolButton>

#include "SpellHighlighter.h"
#include "draft/SpellChecker.h"

namespace penpal {

namespace {
QString languageName(const QString &code)
{
    const QLocale locale(code);
    QString name = locale.language() == QLocale::C ? code : QLocale::languageToString(locale.language());
    if (code.contains(QLatin1Char('_')) || code.contains(QLatin1Char('-')))
        name += QStringLiteral(" (%1)").arg(QLocale::territoryToString(locale.territory()));
    return name;
}

QStringList spellLanguages()
{
    return SpellChecker::availableLanguages();
}
} // namespace

void DraftView::setupSpelling()
{
    m_spellButton->setChecked(m_ctx->settings()->value(Settings::DraftSpellCheck).toBool());
    connect(m_spellButton, &QToolButton::toggled, this, [this](bool on) {
        m_ctx->settings()->setValue(Settings::DraftSpellCheck, on);
        updateSpelling();
    });
    connect(m_languageBox, qOverload<int>(&QComboBox::activated), this, &DraftView::onLanguageChosen);
    m_editor->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_editor, &QWidget::customContextMenuRequested, this, &DraftView::showEditorContextMenu);
    m_highlighter = new SpellHighlighter(m_editor->document());
    fillLanguages();
}

void DraftView::fillLanguages()
{
    const QSignalBlocker block(m_languageBox);
    m_languageBox->clear();
    m_languageBox->addItem(tr("Automatic"), QString());
    QStringList codes = spellLanguages();
    // A language set on the document stays choosable even without its dictionary.
    if (!m_language.isEmpty() && !codes.contains(m_language))
        codes << m_language;
    for (const QString &code : codes)
        m_languageBox->addItem(languageName(code), code);
    const int index = m_languageBox->findData(m_language);
    m_languageBox->setCurrentIndex(index < 0 ? 0 : index);
    m_languageBox->setEnabled(true);
}

void DraftView::onLanguageChosen()
{
    m_language = m_languageBox->currentData().toString();
    if (m_documentId != 0)
        m_ctx->store()->setDocumentLanguage(m_documentId, m_language);
    updateSpelling();
}

QString DraftView::effectiveLanguage() const
{
    return m_language.isEmpty() ? m_detectedLanguage : m_language;
}

void DraftView::updateSpelling()
{
    if (m_language.isEmpty()) {
        const DetectedLanguage detected = LanguageDetector::detect(m_editor->toPlainText());
        m_detectedLanguage = detected.isKnown() ? detected.code : QString();
        m_languageBox->setItemText(0, m_detectedLanguage.isEmpty()
                                          ? tr("Automatic")
                                          : tr("Automatic (%1)").arg(languageName(m_detectedLanguage)));
    } else {
        m_languageBox->setItemText(0, tr("Automatic"));
    }
    // Re-highlighting changes only formats, yet the editor reports it as a text change: not
    // one to save.
    const bool wasLoading = m_loading;
    m_loading = true;
    m_highlighter->setLanguage(effectiveLanguage());
    m_highlighter->setEnabled(m_spellButton->isChecked());
    m_loading = wasLoading;
}

void DraftView::showEditorContextMenu(const QPoint &pos)
{
    QMenu *menu = m_editor->createStandardContextMenu(pos);
    // Suggestions for the misspelt word under the mouse, on top.
    const QPair<int, int> word = m_highlighter->misspeltWordAt(m_editor->cursorForPosition(pos).position());
    if (word.first >= 0) {
        QTextCursor cursor(m_editor->document());
        cursor.setPosition(word.first);
        cursor.setPosition(word.first + word.second, QTextCursor::KeepAnchor);
        QAction *first = menu->actions().value(0);
        const QStringList suggestions = m_highlighter->suggestions(cursor.selectedText());
        for (const QString &s : suggestions) {
            auto *a = new QAction(s, menu);
            a->setObjectName(QStringLiteral("spellSuggestion"));
            // One undo step, saved like typing.
            connect(a, &QAction::triggered, this, [cursor, s]() mutable { cursor.insertText(s); });
            menu->insertAction(first, a);
        }
        if (suggestions.isEmpty()) {
            auto *none = new QAction(tr("No Suggestions"), menu);
            none->setEnabled(false);
            menu->insertAction(first, none);
        }
        menu->insertSeparator(first);
    }
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_editor->viewport()->mapToGlobal(pos));
}

} // namespace penpal
