#include "SetupPage.h"

#include "KeychainFallback.h"
#include "ProfileEditor.h"
#include "chat/AppContext.h"
#include "settings/Settings.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace penpal {

SetupPage::SetupPage(AppContext *ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
    , m_editor(new ProfileEditor(ctx, this))
    , m_error(new QLabel(this))
    , m_start(new QPushButton(tr("Start chatting"), this))
{
    setObjectName(QStringLiteral("setupPage"));
    auto *title = new QLabel(tr("<h2>Welcome to Penpal</h2>"), this);
    auto *intro = new QLabel(tr("Choose where your model runs. OpenAI and other hosted services need an API "
                                "key, which Penpal keeps in your system keychain. A server on this computer, "
                                "such as Ollama, needs none."),
                             this);
    intro->setWordWrap(true);
    m_editor->setCompact(true);
    m_error->setObjectName(QStringLiteral("setupError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_error->hide();
    m_start->setObjectName(QStringLiteral("setupStartButton"));
    m_start->setDefault(true);

    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(intro);
    column->addSpacing(12);
    column->addWidget(m_editor);
    column->addWidget(m_error);
    column->addWidget(m_start, 0, Qt::AlignRight);
    column->addStretch(1);
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 3);
    outer->addStretch(1);

    // Ollama is the one choice that works without an account: preselect it.
    if (auto *preset = m_editor->findChild<QComboBox *>(QStringLiteral("presetCombo"))) {
        const int ollama = preset->findData(QStringLiteral("ollama"));
        preset->setCurrentIndex(ollama);
        Q_EMIT preset->activated(ollama);
    }
    connect(m_start, &QPushButton::clicked, this, &SetupPage::finish);
}

void SetupPage::finish()
{
    const ProviderProfile p = m_editor->profile();
    if (!p.baseUrl.isValid() || p.baseUrl.host().isEmpty()) {
        m_error->setText(tr("Enter a valid base URL, such as http://localhost:11434/v1."));
        m_error->show();
        return;
    }
    m_error->hide();
    const QString key = m_editor->apiKey();
    QPointer<QWidget> self(this);
    SecretStore *secrets = m_ctx->secrets();
    const QString id = m_ctx->saveProfile(
        p, key, !key.isEmpty(), [self, secrets, key](const QString &id, const SecretResult &r) {
            handleKeySaveResult(self ? self->window() : nullptr, secrets, id, key, r);
        });
    m_ctx->settings()->setValue(Settings::ActiveProfileId, id);
    Q_EMIT finished(id);
}

} // namespace penpal
