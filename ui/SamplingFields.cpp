#include "SamplingFields.h"

#include <QDoubleSpinBox>
#include <QLocale>
#include <QSpinBox>

namespace penpal {

SamplingFields::SamplingFields(QWidget *parent)
    : m_temperature(new QDoubleSpinBox(parent))
    , m_topP(new QDoubleSpinBox(parent))
    , m_maxTokens(new QSpinBox(parent))
    , m_alternatives(new QSpinBox(parent))
{
    // One step below the smallest real value is "not set": the server's default applies.
    m_temperature->setObjectName(QStringLiteral("temperatureSpin"));
    m_temperature->setRange(-0.1, 2.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setDecimals(2);
    m_topP->setObjectName(QStringLiteral("topPSpin"));
    m_topP->setRange(-0.01, 1.0);
    m_topP->setSingleStep(0.05);
    m_topP->setDecimals(2);
    m_maxTokens->setObjectName(QStringLiteral("maxTokensSpin"));
    m_maxTokens->setRange(0, 1000000);
    // More than a handful of replies to one prompt is more than anyone compares.
    m_alternatives->setObjectName(QStringLiteral("alternativesSpin"));
    m_alternatives->setRange(0, 8);
    m_alternatives->setToolTip(tr("Ask for several replies at once; the others are shown as "
                                  "alternatives (‹ 1/n ›) beside the first."));
    setFallback({});
}

void SamplingFields::setParams(const SamplingParams &p)
{
    m_temperature->setValue(p.temperature.value_or(m_temperature->minimum()));
    m_topP->setValue(p.topP.value_or(m_topP->minimum()));
    m_maxTokens->setValue(p.maxTokens.value_or(m_maxTokens->minimum()));
    m_alternatives->setValue(p.n.value_or(m_alternatives->minimum()));
}

SamplingParams SamplingFields::params(SamplingParams base) const
{
    base.temperature.reset();
    if (m_temperature->value() > m_temperature->minimum())
        base.temperature = m_temperature->value();
    base.topP.reset();
    if (m_topP->value() > m_topP->minimum())
        base.topP = m_topP->value();
    base.maxTokens.reset();
    if (m_maxTokens->value() > m_maxTokens->minimum())
        base.maxTokens = m_maxTokens->value();
    base.n.reset();
    if (m_alternatives->value() > m_alternatives->minimum())
        base.n = m_alternatives->value();
    return base;
}

void SamplingFields::setFallback(const SamplingParams &fallback)
{
    const QLocale locale;
    const auto text = [](const QString &value) {
        return value.isEmpty() ? tr("Server default") : tr("Profile default (%1)").arg(value);
    };
    m_temperature->setSpecialValueText(
        text(fallback.temperature ? locale.toString(*fallback.temperature, 'f', 2) : QString()));
    m_topP->setSpecialValueText(text(fallback.topP ? locale.toString(*fallback.topP, 'f', 2) : QString()));
    m_maxTokens->setSpecialValueText(
        text(fallback.maxTokens ? locale.toString(*fallback.maxTokens) : QString()));
    // Unset is one reply unless the profile asks for more.
    m_alternatives->setSpecialValueText(
        fallback.n ? tr("Profile default (%1)").arg(locale.toString(*fallback.n)) : tr("One reply"));
}

} // namespace penpal
