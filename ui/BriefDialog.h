#pragma once

#include "draft/DraftPrompts.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace penpal {

// "New from a brief": what the new document is about, for whom, in which tone, how long and
// in which language. OK is enabled once there is a topic. The answer becomes an outline
// proposal (DraftAction::Outline).
class BriefDialog : public QDialog {
    Q_OBJECT
public:
    explicit BriefDialog(QWidget *parent = nullptr);

    Brief brief() const;
    // Fills the fields (e.g. with the last brief, or the document's language).
    void setBrief(const Brief &brief);

private:
    void updateOk();

    QPlainTextEdit *m_topic;
    QLineEdit *m_audience;
    QComboBox *m_tone; // editable: a preset or the user's own words
    QSpinBox *m_words;
    QComboBox *m_language;
    QDialogButtonBox *m_buttons;
};

} // namespace penpal
