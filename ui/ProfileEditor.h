#pragma once

#include "SamplingFields.h"
#include "net/ProviderProfile.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace penpal {

class AppContext;
class ModelListJob;
class Provider;

// The form for one provider profile, shared by the setup page and the settings dialog:
// preset, name, base URL, API key, model (from the server's list or typed), sampling,
// timeouts, and "Test connection".
class ProfileEditor : public QWidget {
    Q_OBJECT
public:
    explicit ProfileEditor(AppContext *ctx, QWidget *parent = nullptr);
    ~ProfileEditor() override;

    void setProfile(const ProviderProfile &p); // also loads its key from the keychain
    ProviderProfile profile() const;
    QString apiKey() const;
    bool keyEdited() const { return m_keyEdited; }
    void setCompact(bool compact); // setup page: hide the advanced fields

public Q_SLOTS:
    void testConnection();
    void refreshModels();

Q_SIGNALS:
    void modelsLoaded(const QStringList &models);
    void connectionTested(bool ok, const QString &message);

private:
    void applyPreset(int index);
    void runModelList(bool reportAsTest);
    void cancelJob();

    AppContext *m_ctx;
    ProviderProfile m_base;
    bool m_keyEdited = false;
    QComboBox *m_preset;
    QLineEdit *m_name;
    QLineEdit *m_baseUrl;
    QLineEdit *m_key;
    QComboBox *m_model;
    QPushButton *m_refreshModels;
    SamplingFields m_sampling;
    QPlainTextEdit *m_systemPrompt;
    QSpinBox *m_connectTimeout;
    QSpinBox *m_idleTimeout;
    QPushButton *m_test;
    QLabel *m_testResult;
    QList<QWidget *> m_advanced;
    std::unique_ptr<Provider> m_provider;
    QPointer<ModelListJob> m_job;
};

} // namespace penpal
