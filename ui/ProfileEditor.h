#pragma once

#include "SamplingFields.h"
#include "net/ProviderProfile.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace penpal {

class AppContext;
class ModelListJob;
class Provider;
class ProxyFields;
class TlsTrustFields;

// The form for one provider profile, shared by the setup page and the settings dialog:
// preset, name, kind of API (with Azure's deployment and API version, Anthropic's version),
// base URL, API key, model (from the server's list or typed), sampling, timeouts, retries,
// proxy, the trusted certificate, and "Test connection".
class ProfileEditor : public QWidget {
    Q_OBJECT
public:
    explicit ProfileEditor(AppContext *ctx, QWidget *parent = nullptr);
    ~ProfileEditor() override;

    void setProfile(const ProviderProfile &p); // also loads its key from the keychain
    ProviderProfile profile() const;
    QString apiKey() const;
    bool keyEdited() const { return m_keyEdited; }
    // The proxy password as typed; never part of profile(). Save it with
    // AppContext::saveProxyPassword() when edited (an empty one deletes the stored one).
    QString proxyPassword() const;
    bool proxyPasswordEdited() const;
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
    void updateKindRows();
    // The profile as edited, with its proxy password (typed, or the keychain's), for a
    // connection made before it is saved. It has an id of its own so that the password is
    // never cached for the saved profile's requests.
    void withDraft(std::function<void(const ProviderProfile &, const QString &proxyPassword)> use);

    AppContext *m_ctx;
    ProviderProfile m_base;
    bool m_keyEdited = false;
    QString m_draftId;
    QFormLayout *m_form = nullptr;
    QComboBox *m_preset;
    QComboBox *m_kind;
    QLineEdit *m_deployment;
    QLabel *m_apiVersionLabel;
    QLineEdit *m_apiVersion;
    QLineEdit *m_name;
    QLineEdit *m_baseUrl;
    QLineEdit *m_key;
    QComboBox *m_model;
    QPushButton *m_refreshModels;
    SamplingFields m_sampling;
    QPlainTextEdit *m_systemPrompt;
    QSpinBox *m_connectTimeout;
    QSpinBox *m_idleTimeout;
    QSpinBox *m_totalTimeout;
    QSpinBox *m_retryAttempts;
    QSpinBox *m_retryCeiling;
    ProxyFields *m_proxy;
    TlsTrustFields *m_tls;
    QPushButton *m_test;
    QLabel *m_testResult;
    QList<QWidget *> m_advanced;
    std::unique_ptr<Provider> m_provider;
    QPointer<ModelListJob> m_job;
};

} // namespace penpal
