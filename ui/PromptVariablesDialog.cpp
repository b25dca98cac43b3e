#include "PromptVariablesDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace penpal {

PromptVariablesDialog::PromptVariablesDialog(const QStringList &names,
                                             const QHash<QString, QString> &remembered, QWidget *parent)
    : QDialog(parent)
    , m_names(names)
{
    setObjectName(QStringLiteral("promptVariablesDialog"));
    setWindowTitle(tr("Fill in the prompt"));
    auto *form = new QFormLayout;
    for (const QString &name : names) {
        auto *edit = new QLineEdit(remembered.value(name), this);
        edit->setObjectName(QStringLiteral("promptVariable:") + name);
        edit->selectAll();
        form->addRow(name + QLatin1Char(':'), edit);
        m_edits.append(edit);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    if (!m_edits.isEmpty())
        m_edits.first()->setFocus();
}

QHash<QString, QString> PromptVariablesDialog::values() const
{
    QHash<QString, QString> values;
    for (int i = 0; i < m_names.size(); ++i)
        values.insert(m_names.at(i), m_edits.at(i)->text());
    return values;
}

} // namespace penpal
