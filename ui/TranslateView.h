#pragma once

#include "translate/TextChunk.h"
#include "translate/TranslationRecord.h"

#include <QPair>
#include <QVector>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTimer;
class QToolButton;

namespace penpal {

class AppContext;
class TranslateController;
class TranslationHistoryPanel;
class TranslationRun;

// The Translate workspace: source text on the left, the translation streaming in on the
// right, chunk by chunk. The source language is detected locally (CLD2) and can be
// overridden; target, style, an instruction, the model and temperature are chosen per job.
// Source and translation are aligned paragraph by paragraph: the cursor or the mouse in one
// highlights its counterpart in the other, and the panes scroll together. Parts that failed
// are marked and can be retried alone; glossary terms the translation did not respect are
// underlined in the source with the expected rendering as tooltip.
class TranslateView : public QWidget {
    Q_OBJECT
public:
    explicit TranslateView(AppContext *ctx, QWidget *parent = nullptr);
    ~TranslateView() override;

    TranslateController *controller() const { return m_controller; }
    QString sourceText() const;
    void setSourceText(const QString &text);
    QString resultText() const;
    void setTargetLanguage(const QString &code);
    QString targetLanguage() const;
    // The chosen source language's code; empty for "Detect language".
    void setSourceLanguage(const QString &code);
    QString sourceLanguage() const;
    // The chosen source language, or the detected one when "Detect language" is chosen.
    QString effectiveSourceLanguage() const;
    // The detected language's code, empty when unknown (updated shortly after typing stops).
    QString detectedLanguage() const { return m_detectedCode; }

    // Reads a .txt or .md file as the source; false with a message on failure.
    bool openFile(const QString &path);
    // Writes the translation; false with a message on failure.
    bool saveResult(const QString &path);
    // Where the translation of the opened file is proposed: next to it, named with the
    // target language ("notes.md" -> "notes.de.md").
    QString suggestedSavePath() const;

    // The counterpart in the other pane of a position in the source (result) text, as
    // [start, end) ranges of both; empty ranges when there is none yet.
    struct Alignment {
        int sourceStart = -1, sourceEnd = -1, resultStart = -1, resultEnd = -1;
    };
    Alignment alignmentAtSource(int position) const;
    Alignment alignmentAtResult(int position) const;
    // The expected renderings of glossary terms the finished translation did not use (each is
    // underlined in the source).
    QStringList missedTerms() const;

    // Every job is stored (TranslationRecord) when it starts, as its parts finish and when it
    // ends; this is the stored job of what the panes show (0: none).
    qint64 currentRecordId() const { return m_record.id; }
    // Shows a stored job: its texts, languages, style, instruction and model. A running job is
    // cancelled first (what it finished is kept in the history). False when there is no such job.
    bool openTranslation(qint64 id);
    TranslationHistoryPanel *historyPanel() const { return m_history; }

public Q_SLOTS:
    void translate();
    void cancel();
    void retryFailed();
    void swapLanguages();
    void copyResult();
    // Edits the glossary of the current language pair (GlossaryDialog), stored per pair.
    void editGlossary();
    void setHistoryVisible(bool visible);

Q_SIGNALS:
    void errorOccurred(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildUi();
    void detectLanguage();
    void attach(TranslationRun *run);
    void scheduleRebuild();
    void rebuildResult();
    void updateStatus();
    void updateChecks();
    void highlight(const Alignment &a);
    void syncScroll(QPlainTextEdit *from, QPlainTextEdit *to);
    QVector<QPair<int, int>> paragraphsOf(const QString &text, int offset) const;
    // TranslateViewHistory.cpp: the stored job, glossaries per pair, recent pairs, defaults.
    void buildJobControls();
    void saveRecord();
    void scheduleSave();
    void fillRecentPairs();
    void updateDefaultsShown();

    AppContext *m_ctx;
    TranslateController *m_controller;
    TranslationRun *m_run = nullptr;
    TextChunks m_chunks;                     // of the run shown
    QVector<QPair<int, int>> m_resultRanges; // each chunk's translation in the result text
    QVector<QString> m_shown;                // what the result pane shows for each chunk
    bool m_resultBuilt = false;              // the pane holds this run's skeleton
    struct TermMiss {
        int start;
        int length;
        QString expected;
    };
    QVector<TermMiss> m_termMisses; // in source positions

    QComboBox *m_sourceLang;
    QLabel *m_detected;
    QToolButton *m_swap;
    QComboBox *m_targetLang;
    QComboBox *m_style;
    QLineEdit *m_instruction;
    QLineEdit *m_model;
    QDoubleSpinBox *m_temperature;
    QPushButton *m_translate;
    QPushButton *m_cancel;
    QPushButton *m_retry;
    QPushButton *m_copy;
    QPushButton *m_open;
    QPushButton *m_save;
    QPushButton *m_glossaryButton;
    QToolButton *m_recentPairs;
    QToolButton *m_historyButton;
    TranslationHistoryPanel *m_history;
    QPlainTextEdit *m_source;
    QPlainTextEdit *m_result;
    QProgressBar *m_progress;
    QLabel *m_status;
    QLabel *m_warnings;
    QTimer *m_detectTimer;
    QTimer *m_rebuildTimer;
    QString m_detectedCode;
    QString m_openedPath;
    bool m_syncing = false;
    TranslationRecord m_record; // the job shown; saved again as it progresses
    QTimer *m_saveTimer;
};

} // namespace penpal
