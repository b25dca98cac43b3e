// TranslateView: what outlives a job. The job is stored in the history as it runs and can be
// opened again; glossaries are kept per language pair; recent pairs and the Translate
// settings' defaults (model, temperature) are offered.
#include "TranslateView.h"

#include "GlossaryDialog.h"
#include "TranslationHistoryPanel.h"
#include "chat/AppContext.h"
#include "settings/Settings.h"
#include "store/Store.h"
#include "translate/Languages.h"
#include "translate/RecentLanguagePairs.h"
#include "translate/TranslateController.h"
#include "translate/TranslationRun.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>

#include <algorithm>

namespace penpal {

void TranslateView::buildJobControls()
{
    m_glossaryButton = new QPushButton(tr("Glossary…"), this);
    m_glossaryButton->setObjectName(QStringLiteral("glossaryButton"));
    m_glossaryButton->setToolTip(tr("Terms and how to translate them, for this language pair"));
    connect(m_glossaryButton, &QPushButton::clicked, this, &TranslateView::editGlossary);

    m_recentPairs = new QToolButton(this);
    m_recentPairs->setObjectName(QStringLiteral("recentLanguagePairs"));
    m_recentPairs->setText(tr("Recent"));
    m_recentPairs->setToolTip(tr("Recent language pairs"));
    m_recentPairs->setAccessibleName(tr("Recent language pairs"));
    m_recentPairs->setPopupMode(QToolButton::InstantPopup);
    m_recentPairs->setMenu(new QMenu(m_recentPairs));

    m_historyButton = new QToolButton(this);
    m_historyButton->setObjectName(QStringLiteral("translationHistoryButton"));
    m_historyButton->setText(tr("History"));
    m_historyButton->setToolTip(tr("Show earlier translations"));
    m_historyButton->setCheckable(true);
    connect(m_historyButton, &QToolButton::toggled, this, &TranslateView::setHistoryVisible);

    m_history = new TranslationHistoryPanel(m_ctx->store(), this);
    m_history->hide();
    connect(m_history, &TranslationHistoryPanel::openRequested, this, &TranslateView::openTranslation);

    // What is translated is written to the history as parts finish, at most once a second
    // (less often for long documents, see scheduleSave), so a crash loses only the parts
    // finished since.
    m_saveTimer = new QTimer(this);
    m_saveTimer->setSingleShot(true);
    connect(m_saveTimer, &QTimer::timeout, this, &TranslateView::saveRecord);

    Settings *settings = m_ctx->settings();
    connect(settings, &Settings::changed, this, [this](Settings::Key key) {
        if (key == Settings::TranslateRecentPairs)
            fillRecentPairs();
        else if (key == Settings::TranslateModel || key == Settings::TranslateTemperature ||
                 key == Settings::ActiveProfileId)
            updateDefaultsShown();
    });
    connect(settings, &Settings::profilesChanged, this, &TranslateView::updateDefaultsShown);
    fillRecentPairs();
    updateDefaultsShown();
    // The workspace opens on the pair used last.
    const auto pairs = RecentLanguagePairs::list(settings);
    if (!pairs.isEmpty()) {
        setSourceLanguage(pairs.constFirst().first);
        setTargetLanguage(pairs.constFirst().second);
    }
}

void TranslateView::setSourceLanguage(const QString &code)
{
    const int i = m_sourceLang->findData(code);
    if (i >= 0)
        m_sourceLang->setCurrentIndex(i);
}

QString TranslateView::sourceLanguage() const
{
    return m_sourceLang->currentData().toString();
}

QString TranslateView::effectiveSourceLanguage() const
{
    const QString chosen = sourceLanguage();
    return chosen.isEmpty() ? m_detectedCode : chosen;
}

void TranslateView::fillRecentPairs()
{
    QMenu *menu = m_recentPairs->menu();
    menu->clear();
    const auto pairs = RecentLanguagePairs::list(m_ctx->settings());
    for (const auto &pair : pairs) {
        const QString source =
            pair.first.isEmpty() ? tr("Detect language") : Languages::nativeName(pair.first);
        QAction *action = menu->addAction(tr("%1 → %2").arg(source, Languages::nativeName(pair.second)));
        connect(action, &QAction::triggered, this, [this, pair] {
            setSourceLanguage(pair.first);
            setTargetLanguage(pair.second);
        });
    }
    if (pairs.isEmpty())
        menu->addAction(tr("No recent language pairs"))->setEnabled(false);
}

void TranslateView::updateDefaultsShown()
{
    Settings *settings = m_ctx->settings();
    const QString model = settings->value(Settings::TranslateModel).toString().trimmed();
    m_model->setPlaceholderText(model.isEmpty() ? settings->activeProfile().model : model);
    const double temperature = settings->value(Settings::TranslateTemperature).toDouble();
    m_temperature->setSpecialValueText(temperature >= 0
                                           ? tr("Default (%1)").arg(QLocale().toString(temperature, 'f', 1))
                                           : tr("Default temperature"));
}

void TranslateView::scheduleSave()
{
    if (m_saveTimer->isActive())
        return;
    // Each save rewrites the job's texts and their search index on the GUI thread, so its
    // cost grows with the document: a short text is saved every second, a long one less
    // often (a 230,000-character document every 10 s), keeping the share of GUI time bounded.
    m_saveTimer->start(std::clamp(int(m_record.sourceText.size() / 20), 1000, 10000));
}

void TranslateView::saveRecord()
{
    m_saveTimer->stop();
    if (!m_run)
        return;
    if (m_record.sourceText != m_controller->sourceText()) {
        // A run started without translate() (the controller driven directly): stored with what
        // the view shows.
        TranslationRecord record;
        record.sourceLanguage = effectiveSourceLanguage();
        record.targetLanguage = targetLanguage();
        record.model = m_controller->options().model;
        record.style = m_style->currentData(Qt::UserRole + 1).toString();
        record.instruction = m_controller->options().instruction;
        record.sourceText = m_controller->sourceText();
        record.glossary = m_controller->glossary().termsIn(record.sourceText);
        m_record = record;
    }
    bool complete = true;
    for (int i = 0; i < m_run->chunkCount(); ++i)
        complete &= m_run->state(i) == TranslationRun::ChunkState::Done;
    // Parts not translated (yet) keep their source text, so the stored job is a whole document.
    m_record.resultText = m_run->result();
    m_record.state = complete ? QStringLiteral("complete") : QStringLiteral("partial");
    const qint64 id = m_ctx->store()->saveTranslation(m_record);
    if (id == 0) {
        const QString message =
            tr("Couldn't save the translation to the history: %1").arg(m_ctx->store()->lastError());
        m_status->setText(message);
        Q_EMIT errorOccurred(message);
        return;
    }
    m_record.id = id;
}

bool TranslateView::openTranslation(qint64 id)
{
    const TranslationRecord r = m_ctx->store()->translation(id);
    if (r.id == 0) {
        m_status->setText(tr("This translation is no longer in the history."));
        return false;
    }
    if (m_run) {
        if (m_run->isActive())
            m_controller->cancel(); // what it finished is kept: the run's end saves it
        saveRecord();
        disconnect(m_run, nullptr, this, nullptr);
    }
    m_run = nullptr;
    m_rebuildTimer->stop();
    m_saveTimer->stop();
    m_chunks.clear();
    m_resultRanges.clear();
    m_shown.clear();
    m_termMisses.clear();
    m_resultBuilt = false;
    m_warnings->clear();
    m_openedPath.clear();

    m_record = r;
    setSourceText(r.sourceText);
    setSourceLanguage(r.sourceLanguage); // "" (unknown) selects "Detect language"
    setTargetLanguage(r.targetLanguage);
    for (int i = 0; i < m_style->count(); ++i) {
        if (m_style->itemData(i, Qt::UserRole + 1).toString() == r.style)
            m_style->setCurrentIndex(i);
    }
    m_instruction->setText(r.instruction);
    m_model->setText(r.model);
    m_syncing = true;
    m_result->setPlainText(r.resultText);
    m_syncing = false;
    updateStatus();
    m_status->setText(r.state == QLatin1String("complete")
                          ? tr("Translation of %1.").arg(QLocale().toString(r.updated, QLocale::ShortFormat))
                          : tr("Incomplete translation of %1: untranslated parts are in the source language.")
                                .arg(QLocale().toString(r.updated, QLocale::ShortFormat)));
    return true;
}

void TranslateView::editGlossary()
{
    const QString source = effectiveSourceLanguage();
    const QString target = targetLanguage();
    if (source.isEmpty()) {
        m_status->setText(tr("Choose the source language (or enter text to detect it) to edit the glossary "
                             "of a language pair."));
        return;
    }
    Store *store = m_ctx->store();
    GlossaryDialog dialog(tr("%1 → %2").arg(Languages::nativeName(source), Languages::nativeName(target)),
                          store->glossary(source, target), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (!store->setGlossary(source, target, dialog.glossary())) {
        const QString message = tr("Couldn't save the glossary: %1").arg(store->lastError());
        m_status->setText(message);
        Q_EMIT errorOccurred(message);
        return;
    }
    // The marks of a finished job of this pair follow the edited glossary.
    if (m_run && !m_run->isActive() && m_record.sourceLanguage == source &&
        m_record.targetLanguage == target) {
        m_controller->setGlossary(dialog.glossary());
        updateChecks();
    }
}

void TranslateView::setHistoryVisible(bool visible)
{
    m_history->setVisible(visible);
    m_historyButton->setChecked(visible);
    if (visible) {
        m_history->reload();
        m_history->field()->setFocus();
    }
}

} // namespace penpal
