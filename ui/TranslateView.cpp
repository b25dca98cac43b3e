#include "TranslateView.h"

#include "chat/AppContext.h"
#include "net/Provider.h"
#include "net/ProviderFactory.h"
#include "settings/Settings.h"
#include "TranslationHistoryPanel.h"
#include "store/Store.h"
#include "translate/LanguageDetector.h"
#include "translate/Languages.h"
#include "translate/RecentLanguagePairs.h"
#include "translate/TranslateController.h"
#include "translate/TranslationRun.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace penpal {

namespace {

void fillLanguages(QComboBox *box)
{
    for (const Language &l : Languages::all()) {
        const QString native = Languages::nativeName(l.code);
        const QString label =
            native == l.englishName ? native : QStringLiteral("%1 · %2").arg(native, l.englishName);
        box->addItem(label, l.code);
    }
}

} // namespace

TranslateView::TranslateView(AppContext *ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
    , m_controller(new TranslateController(
          ctx->settings(), ctx->secrets(),
          [ctx](const ProviderProfile &profile, const QString &key) {
              return createProvider(ctx->network(), profile, key);
          },
          this))
{
    setObjectName(QStringLiteral("translateView"));
    buildUi();

    m_detectTimer = new QTimer(this);
    m_detectTimer->setSingleShot(true);
    m_detectTimer->setInterval(300);
    connect(m_detectTimer, &QTimer::timeout, this, &TranslateView::detectLanguage);
    connect(m_source, &QPlainTextEdit::textChanged, m_detectTimer, qOverload<>(&QTimer::start));

    // Streamed text arrives token by token; the result pane is rebuilt at most 20 times a second.
    m_rebuildTimer = new QTimer(this);
    m_rebuildTimer->setSingleShot(true);
    m_rebuildTimer->setInterval(50);
    connect(m_rebuildTimer, &QTimer::timeout, this, &TranslateView::rebuildResult);

    connect(m_controller, &TranslateController::runStarted, this, &TranslateView::attach);
    connect(m_controller, &TranslateController::errorOccurred, this, [this](const QString &message) {
        m_status->setText(message);
        Q_EMIT errorOccurred(message);
    });

    connect(m_source, &QPlainTextEdit::cursorPositionChanged, this,
            [this] { highlight(alignmentAtSource(m_source->textCursor().position())); });
    connect(m_result, &QPlainTextEdit::cursorPositionChanged, this,
            [this] { highlight(alignmentAtResult(m_result->textCursor().position())); });
    connect(m_source->verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this] { syncScroll(m_source, m_result); });
    connect(m_result->verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this] { syncScroll(m_result, m_source); });
    for (QPlainTextEdit *edit : {m_source, m_result}) {
        edit->viewport()->setMouseTracking(true);
        edit->viewport()->installEventFilter(this);
    }

    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, &TranslateView::translate);
    auto *enterShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    enterShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(enterShortcut, &QShortcut::activated, this, &TranslateView::translate);

    updateStatus();
}

TranslateView::~TranslateView() = default;

void TranslateView::buildUi()
{
    m_sourceLang = new QComboBox(this);
    m_sourceLang->setObjectName(QStringLiteral("sourceLanguage"));
    m_sourceLang->setAccessibleName(tr("Source language"));
    m_sourceLang->addItem(tr("Detect language"), QString());
    fillLanguages(m_sourceLang);
    m_detected = new QLabel(this);
    m_detected->setObjectName(QStringLiteral("detectedLanguage"));
    m_swap = new QToolButton(this);
    m_swap->setObjectName(QStringLiteral("swapLanguages"));
    m_swap->setText(QStringLiteral("⇄"));
    m_swap->setToolTip(tr("Swap languages"));
    m_swap->setAccessibleName(tr("Swap languages"));
    m_targetLang = new QComboBox(this);
    m_targetLang->setObjectName(QStringLiteral("targetLanguage"));
    m_targetLang->setAccessibleName(tr("Target language"));
    fillLanguages(m_targetLang);
    m_style = new QComboBox(this);
    m_style->setObjectName(QStringLiteral("translationStyle"));
    m_style->setAccessibleName(tr("Style"));
    m_style->addItem(tr("Neutral"), int(TranslationOptions::Style::Neutral));
    m_style->addItem(tr("Formal"), int(TranslationOptions::Style::Formal));
    m_style->addItem(tr("Casual"), int(TranslationOptions::Style::Casual));
    // The names the history stores (TranslationRecord::style).
    m_style->setItemData(0, QStringLiteral("neutral"), Qt::UserRole + 1);
    m_style->setItemData(1, QStringLiteral("formal"), Qt::UserRole + 1);
    m_style->setItemData(2, QStringLiteral("casual"), Qt::UserRole + 1);
    m_instruction = new QLineEdit(this);
    m_instruction->setObjectName(QStringLiteral("translationInstruction"));
    m_instruction->setAccessibleName(tr("Translation instruction"));
    m_instruction->setPlaceholderText(tr("Extra instruction (optional), e.g. \"for a legal audience\""));
    m_model = new QLineEdit(this);
    m_model->setObjectName(QStringLiteral("translationModel"));
    m_model->setAccessibleName(tr("Model"));
    m_model->setPlaceholderText(m_ctx->settings()->activeProfile().model);
    m_model->setMaximumWidth(180);
    m_temperature = new QDoubleSpinBox(this);
    m_temperature->setObjectName(QStringLiteral("translationTemperature"));
    m_temperature->setAccessibleName(tr("Temperature"));
    m_temperature->setRange(-0.1, 2.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setDecimals(1);
    m_temperature->setSpecialValueText(tr("Default temperature"));
    m_temperature->setValue(-0.1);

    m_translate = new QPushButton(tr("Translate"), this);
    m_translate->setObjectName(QStringLiteral("translateButton"));
    m_translate->setToolTip(tr("Translate (Ctrl+Enter)"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelTranslationButton"));
    m_retry = new QPushButton(tr("Retry Failed Parts"), this);
    m_retry->setObjectName(QStringLiteral("retryFailedButton"));
    m_copy = new QPushButton(tr("Copy"), this);
    m_copy->setObjectName(QStringLiteral("copyTranslationButton"));
    m_open = new QPushButton(tr("Open…"), this);
    m_open->setObjectName(QStringLiteral("openDocumentButton"));
    m_save = new QPushButton(tr("Save…"), this);
    m_save->setObjectName(QStringLiteral("saveTranslationButton"));
    buildJobControls();

    m_source = new QPlainTextEdit(this);
    m_source->setObjectName(QStringLiteral("sourceText"));
    m_source->setAccessibleName(tr("Text to translate"));
    m_source->setPlaceholderText(tr("Paste or type the text to translate, or open a .txt or .md file."));
    m_result = new QPlainTextEdit(this);
    m_result->setObjectName(QStringLiteral("translationText"));
    m_result->setAccessibleName(tr("Translation"));
    m_result->setReadOnly(true);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("translationProgress"));
    m_progress->setFormat(tr("%v of %m parts"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("translationStatus"));
    m_warnings = new QLabel(this);
    m_warnings->setObjectName(QStringLiteral("preservationWarning"));
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::PlainText);

    auto *languages = new QHBoxLayout;
    languages->addWidget(m_sourceLang);
    languages->addWidget(m_detected);
    languages->addWidget(m_swap);
    languages->addWidget(m_targetLang);
    languages->addWidget(m_recentPairs);
    languages->addWidget(m_style);
    languages->addWidget(m_model);
    languages->addWidget(m_temperature);
    languages->addStretch(1);
    languages->addWidget(m_glossaryButton);
    languages->addWidget(m_open);
    languages->addWidget(m_historyButton);
    auto *second = new QHBoxLayout;
    second->addWidget(m_instruction, 1);
    second->addWidget(m_translate);
    second->addWidget(m_cancel);
    second->addWidget(m_retry);
    second->addWidget(m_copy);
    second->addWidget(m_save);
    auto *panes = new QSplitter(Qt::Horizontal, this);
    panes->addWidget(m_source);
    panes->addWidget(m_result);
    panes->addWidget(m_history);
    panes->setStretchFactor(0, 3);
    panes->setStretchFactor(1, 3);
    panes->setStretchFactor(2, 2);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_progress, 1);
    bottom->addWidget(m_status, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(languages);
    layout->addLayout(second);
    layout->addWidget(panes, 1);
    layout->addWidget(m_warnings);
    layout->addLayout(bottom);

    connect(m_translate, &QPushButton::clicked, this, &TranslateView::translate);
    connect(m_cancel, &QPushButton::clicked, this, &TranslateView::cancel);
    connect(m_retry, &QPushButton::clicked, this, &TranslateView::retryFailed);
    connect(m_swap, &QToolButton::clicked, this, &TranslateView::swapLanguages);
    connect(m_copy, &QPushButton::clicked, this, &TranslateView::copyResult);
    connect(m_open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a Document to Translate"), QString(),
                                                          tr("Text and Markdown (*.txt *.md *.markdown)"));
        if (!path.isEmpty())
            openFile(path);
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save the Translation"), suggestedSavePath());
        if (!path.isEmpty())
            saveResult(path);
    });
}

QString TranslateView::sourceText() const
{
    return m_source->toPlainText();
}

void TranslateView::setSourceText(const QString &text)
{
    m_source->setPlainText(text);
    detectLanguage();
}

QString TranslateView::resultText() const
{
    return m_result->toPlainText();
}

void TranslateView::setTargetLanguage(const QString &code)
{
    const int i = m_targetLang->findData(code);
    if (i >= 0)
        m_targetLang->setCurrentIndex(i);
}

QString TranslateView::targetLanguage() const
{
    return m_targetLang->currentData().toString();
}

void TranslateView::detectLanguage()
{
    m_detectTimer->stop();
    const DetectedLanguage d = LanguageDetector::detect(m_source->toPlainText());
    m_detectedCode = d.isKnown() ? d.code : QString();
    if (!d.isKnown()) {
        m_detected->clear();
        return;
    }
    m_detected->setText(tr("Detected: %1").arg(Languages::nativeName(d.code)));
    m_detected->setToolTip(d.reliable ? QString() : tr("Not certain: the text is short or mixed."));
}

void TranslateView::translate()
{
    if (m_detectTimer->isActive())
        detectLanguage();
    TranslationOptions o;
    const QString sourceCode = effectiveSourceLanguage();
    if (!sourceCode.isEmpty())
        o.sourceLanguage = Languages::byCode(sourceCode).englishName;
    o.targetLanguage = Languages::byCode(targetLanguage()).englishName;
    o.style = TranslationOptions::Style(m_style->currentData().toInt());
    o.instruction = m_instruction->text();
    // The job's own choice, else the Translate settings' default, else the profile's.
    o.model = m_model->text().trimmed();
    if (o.model.isEmpty())
        o.model = m_ctx->settings()->value(Settings::TranslateModel).toString().trimmed();
    const double defaultTemperature = m_ctx->settings()->value(Settings::TranslateTemperature).toDouble();
    if (m_temperature->value() >= 0)
        o.temperature = m_temperature->value();
    else if (defaultTemperature >= 0)
        o.temperature = defaultTemperature;
    m_status->clear();

    const QString text = m_source->toPlainText();
    const Glossary glossary = m_ctx->store()->glossary(sourceCode, targetLanguage());
    m_controller->setGlossary(glossary);
    TranslationRecord record;
    record.sourceLanguage = sourceCode;
    record.targetLanguage = targetLanguage();
    record.model = o.model.isEmpty() ? m_ctx->settings()->activeProfile().model : o.model;
    record.style = m_style->currentData(Qt::UserRole + 1).toString();
    record.instruction = o.instruction;
    record.sourceText = text;
    record.glossary = glossary.termsIn(text);
    record.state = QStringLiteral("partial");
    // Stored once the run exists (attach), so a refused job leaves no trace in the history.
    m_record = record;
    if (m_controller->translate(text, o))
        RecentLanguagePairs::remember(m_ctx->settings(), sourceLanguage(), targetLanguage());
}

void TranslateView::cancel()
{
    m_controller->cancel();
}

void TranslateView::retryFailed()
{
    if (!m_run)
        return;
    for (int i = 0; i < m_run->chunkCount(); ++i)
        m_run->retry(i);
    updateStatus();
}

void TranslateView::swapLanguages()
{
    const QString source = m_sourceLang->currentData().toString().isEmpty()
                               ? m_detectedCode
                               : m_sourceLang->currentData().toString();
    const QString target = targetLanguage();
    if (!source.isEmpty())
        setTargetLanguage(source);
    const int i = m_sourceLang->findData(target);
    if (i >= 0)
        m_sourceLang->setCurrentIndex(i);
    // The translation becomes the text to translate back.
    if (!m_result->toPlainText().isEmpty())
        setSourceText(m_result->toPlainText());
}

void TranslateView::copyResult()
{
    QApplication::clipboard()->setText(resultText());
}

bool TranslateView::openFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        const QString message = tr("Couldn't open %1: %2").arg(QFileInfo(path).fileName(), f.errorString());
        m_status->setText(message);
        Q_EMIT errorOccurred(message);
        return false;
    }
    setSourceText(QString::fromUtf8(f.readAll()));
    m_openedPath = path;
    return true;
}

QString TranslateView::suggestedSavePath() const
{
    if (m_openedPath.isEmpty())
        return QStringLiteral("translation.%1.txt").arg(targetLanguage());
    const QFileInfo fi(m_openedPath);
    return fi.dir().filePath(
        QStringLiteral("%1.%2.%3").arg(fi.completeBaseName(), targetLanguage(), fi.suffix()));
}

bool TranslateView::saveResult(const QString &path)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(resultText().toUtf8()) < 0 || !f.commit()) {
        const QString message = tr("Couldn't save %1: %2").arg(QFileInfo(path).fileName(), f.errorString());
        m_status->setText(message);
        Q_EMIT errorOccurred(message);
        return false;
    }
    m_status->setText(tr("Saved %1.").arg(QFileInfo(path).fileName()));
    return true;
}

void TranslateView::attach(TranslationRun *run)
{
    m_run = run;
    saveRecord();
    connect(run, &TranslationRun::chunkFinished, this, &TranslateView::scheduleSave);
    m_chunks.clear();
    for (int i = 0; i < run->chunkCount(); ++i)
        m_chunks.append(run->chunk(i));
    m_termMisses.clear();
    m_warnings->clear();
    m_resultBuilt = false;
    connect(run, &TranslationRun::chunkText, this, &TranslateView::scheduleRebuild);
    connect(run, &TranslationRun::chunkStarted, this, &TranslateView::scheduleRebuild);
    connect(run, &TranslationRun::progress, this, [this] {
        scheduleRebuild();
        updateStatus();
    });
    connect(run, &TranslationRun::finished, this, [this] {
        saveRecord();
        rebuildResult();
        updateChecks();
        updateStatus();
    });
    connect(run, &QObject::destroyed, this, [this, run] {
        if (m_run == run)
            m_run = nullptr;
    });
    rebuildResult();
    updateStatus();
}

void TranslateView::scheduleRebuild()
{
    if (!m_rebuildTimer->isActive())
        m_rebuildTimer->start();
}

void TranslateView::updateStatus()
{
    const bool active = m_run && m_run->isActive();
    int failed = 0;
    if (m_run) {
        for (int i = 0; i < m_run->chunkCount(); ++i)
            failed += m_run->state(i) == TranslationRun::ChunkState::Failed ? 1 : 0;
    }
    m_cancel->setEnabled(active);
    m_retry->setVisible(failed > 0 && !active);
    m_progress->setVisible(m_run != nullptr);
    if (!m_run)
        return;
    m_progress->setMaximum(std::max(m_run->chunkCount(), 1));
    m_progress->setValue(m_run->doneCount());
    QString status = tr("%n token(s)", nullptr, int(m_run->tokens()));
    if (failed > 0)
        status += QStringLiteral(" · ") + tr("%n part(s) failed", nullptr, failed);
    if (m_status->text().isEmpty() || active || failed > 0 || !m_run->isActive())
        m_status->setText(status);
}

} // namespace penpal
