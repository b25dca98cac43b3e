#pragma once

#include "core/SamplingParams.h"

#include <QCoreApplication>

class QDoubleSpinBox;
class QSpinBox;
class QWidget;

namespace penpal {

// The temperature, top P, max tokens and alternatives (n) spin boxes that the profile editor
// and the conversation settings share. Each spin box at its minimum means "not set": its
// special value text says what applies instead, and the value is left out of the request.
class SamplingFields {
    Q_DECLARE_TR_FUNCTIONS(SamplingFields)
public:
    // The spin boxes are children of `parent`; the caller puts them in its layout.
    explicit SamplingFields(QWidget *parent);

    QDoubleSpinBox *temperature() const { return m_temperature; }
    QDoubleSpinBox *topP() const { return m_topP; }
    QSpinBox *maxTokens() const { return m_maxTokens; }
    // How many replies to ask for at once, 1 to 8 (the others become sibling replies). Below
    // 1 is "not set": one reply, or the profile's number in a conversation.
    QSpinBox *alternatives() const { return m_alternatives; }

    void setParams(const SamplingParams &p);
    // `base` with temperature, top P, max tokens and n as shown (unset ones cleared); its
    // other fields (stop sequences) are kept.
    SamplingParams params(SamplingParams base = {}) const;
    // What an unset field falls back to, for the special value texts: a value set in
    // `fallback` is shown as "Profile default (…)", an unset one as "Server default".
    void setFallback(const SamplingParams &fallback);

private:
    QDoubleSpinBox *m_temperature;
    QDoubleSpinBox *m_topP;
    QSpinBox *m_maxTokens;
    QSpinBox *m_alternatives;
};

} // namespace penpal
