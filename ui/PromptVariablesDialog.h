#pragma once

#include <QDialog>
#include <QHash>
#include <QStringList>

class QLineEdit;

namespace penpal {

// Asks for the values of a prompt's own {{variables}} before it is inserted or sent, one line
// each, pre-filled with the values given last time (objectName "promptVariablesDialog"; the
// edits are "promptVariable:<name>").
class PromptVariablesDialog : public QDialog {
    Q_OBJECT
public:
    PromptVariablesDialog(const QStringList &names, const QHash<QString, QString> &remembered,
                          QWidget *parent = nullptr);
    QHash<QString, QString> values() const;

private:
    QStringList m_names;
    QList<QLineEdit *> m_edits;
};

} // namespace penpal
