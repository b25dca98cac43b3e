#include "BriefDialog.h"

#include "translate/Languages.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

namespace penpal {

BriefDialog::BriefDialog(QWidget *parent)
    : QDialog(parent)
    , m_topic(new QPlainTextEdit(this))
    , m_audience(new QLineEdit(this))
    , m_tone(new QComboBox(this))
    , m_words(new QSpinBox(this))
    , m_language(new QComboBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("briefDialog"));
    setWindowTitle(tr("New from a Brief"));
    m_topic->setObjectName(QStringLiteral("briefTopic"));
    m_topic->setPlaceholderText(tr("What the text is about, and what it must say"));
    m_topic->setTabChangesFocus(true);
    m_audience->setObjectName(QStringLiteral("briefAudience"));
    m_audience->setPlaceholderText(tr("e.g. new customers, the board, ten-year-olds"));
    m_tone->setObjectName(QStringLiteral("briefTone"));
    m_tone->setEditable(true);
    // The presets are sent as they read; the user may type any tone instead.
    m_tone->addItems(
        {tr("neutral"), tr("friendly"), tr("formal"), tr("persuasive"), tr("playful"), tr("academic")});
    m_words->setObjectName(QStringLiteral("briefWords"));
    m_words->setRange(0, 20000);
    m_words->setSingleStep(100);
    m_words->setValue(600);
    m_words->setSpecialValueText(tr("Any length"));
    m_words->setSuffix(tr(" words"));
    m_language->setObjectName(QStringLiteral("briefLanguage"));
    m_language->addItem(tr("Same as the topic"), QString());
    for (const Language &l : Languages::all()) {
        const QString native = Languages::nativeName(l.code);
        const QString label =
            native == l.englishName ? native : QStringLiteral("%1 · %2").arg(native, l.englishName);
        m_language->addItem(label, l.code);
    }
    m_buttons->setObjectName(QStringLiteral("briefButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Propose Outline"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Topic:"), m_topic);
    form->addRow(tr("&Audience:"), m_audience);
    form->addRow(tr("T&one:"), m_tone);
    form->addRow(tr("Target &length:"), m_words);
    form->addRow(tr("La&nguage:"), m_language);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_topic, &QPlainTextEdit::textChanged, this, &BriefDialog::updateOk);
    updateOk();
}

Brief BriefDialog::brief() const
{
    Brief b;
    b.topic = m_topic->toPlainText().trimmed();
    b.audience = m_audience->text().trimmed();
    b.tone = m_tone->currentText().trimmed();
    b.targetWords = m_words->value();
    b.language = m_language->currentData().toString();
    return b;
}

void BriefDialog::setBrief(const Brief &b)
{
    m_topic->setPlainText(b.topic);
    m_audience->setText(b.audience);
    m_tone->setCurrentText(b.tone);
    m_words->setValue(b.targetWords);
    const int i = m_language->findData(b.language);
    m_language->setCurrentIndex(i < 0 ? 0 : i);
}

void BriefDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_topic->toPlainText().trimmed().isEmpty());
}

} // namespace penpal
