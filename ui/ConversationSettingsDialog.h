#pragma once

#include "SamplingFields.h"
#include "core/Conversation.h"
#include "net/ProviderProfile.h"

#include <QDialog>
#include <QPointer>

#include <memory>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace penpal {

class AppContext;
class ModelListJob;
class Provider;

// Settings of one saved conversation: title, model, system prompt, sampling and how much
// history its requests carry. OK writes them to the store (the next request uses them);
// Cancel leaves the store untouched.
class ConversationSettingsDialog : public QDialog {
    Q_OBJECT
public:
    ConversationSettingsDialog(AppContext *ctx, qint64 conversationId, QWidget *parent = nullptr);
    ~ConversationSettingsDialog() override;

    // Runs the dialog modally for a saved conversation (nothing happens for 0, a chat not
    // saved yet). True when the settings were saved.
    static bool edit(AppContext *ctx, qint64 conversationId, QWidget *parent);

    qint64 conversationId() const { return m_original.id; }
    // The conversation as it was opened, with the dialog's fields applied: what OK saves.
    Conversation edited() const { return applyTo(m_original); }

public Q_SLOTS:
    // Saves through the store; on failure the dialog stays open and says why.
    void accept() override;
    // Asks the conversation's provider which models it offers and lists them in the combo.
    void refreshModels();

Q_SIGNALS:
    void modelsLoaded(const QStringList &models);
    void modelsFailed(const QString &message);

private:
    void load(const Conversation &c);
    Conversation applyTo(Conversation c) const;
    void updateLimitFields();
    void startModelList(const ProviderProfile &profile, const QString &key);
    void cancelJob();

    AppContext *m_ctx;
    Conversation m_original;
    ProviderProfile m_profile;
    // Only a touched context section is written back, so limits the radio buttons cannot
    // show together (a message and a token limit at once) survive an unrelated edit.
    bool m_limitsEdited = false;
    int m_refreshGeneration = 0;

    QLineEdit *m_title;
    QComboBox *m_model;
    QPushButton *m_refreshModels;
    QLabel *m_modelStatus;
    QPlainTextEdit *m_systemPrompt;
    SamplingFields m_sampling;
    QRadioButton *m_sendAll;
    QRadioButton *m_limitMessages;
    QSpinBox *m_maxMessages;
    QRadioButton *m_limitTokens;
    QSpinBox *m_maxTokens;
    QDialogButtonBox *m_buttons;
    std::unique_ptr<Provider> m_provider;
    QPointer<ModelListJob> m_job;
};

} // namespace penpal
