#include "PersonaPicker.h"

#include "PromptEnvironment.h"

#include "chat/AppContext.h"
#include "chat/PersonaApply.h"
#include "core/Persona.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace penpal {

PersonaPicker::PersonaPicker(AppContext *ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
    , m_combo(new QComboBox(this))
{
    setObjectName(QStringLiteral("personaPicker"));
    m_combo->setObjectName(QStringLiteral("newChatPersonaCombo"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *label = new QLabel(tr("&Persona:"), this);
    label->setBuddy(m_combo);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 2, 8, 2);
    layout->addWidget(label);
    layout->addWidget(m_combo);
    layout->addStretch(1);
    connect(ctx->store(), &Store::personasChanged, this, &PersonaPicker::reload);
    reload();
}

qint64 PersonaPicker::personaId() const
{
    return m_combo->currentData().toLongLong();
}

void PersonaPicker::reload()
{
    const qint64 current = personaId();
    m_combo->clear();
    m_combo->addItem(tr("No persona"), qint64(0));
    for (const Persona &p : m_ctx->store()->personas()) {
        const QString text = p.icon.isEmpty() ? p.name : p.icon + QLatin1Char(' ') + p.name;
        m_combo->addItem(text, p.id);
    }
    const int index = m_combo->findData(current);
    m_combo->setCurrentIndex(index < 0 ? 0 : index);
}

qint64 PersonaPicker::createConversation(const QString &prompt)
{
    const Persona persona = m_ctx->store()->persona(personaId());
    if (persona.id == 0)
        return 0;
    const ProviderProfile profile = m_ctx->settings()->activeProfile();
    Conversation c;
    c.title = PersonaApply::titleFor(prompt);
    c.profileId = profile.id;
    c.model = profile.model;
    c.params = profile.params;
    const QHash<QString, QString> values =
        PromptVariables::valuesFromJson(m_ctx->settings()->value(Settings::PromptVariableValues).toString());
    PersonaApply::applyTo(c, persona, values, PromptEnvironment::current());
    return m_ctx->store()->createConversation(c);
}

} // namespace penpal
