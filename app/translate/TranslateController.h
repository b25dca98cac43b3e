#pragma once

#include "net/ProviderProfile.h"
#include "translate/Glossary.h"
#include "translate/TranslationPrompt.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace penpal {

class Provider;
class SecretStore;
class Settings;
class TranslationRun;

// Runs one document translation at a time for the Translate workspace: cuts the text into
// chunks (TextChunker), builds each chunk's request (TranslationPrompt, with the glossary
// and the neighbouring paragraphs), and sends them through the profile's provider with a
// bounded number in flight (TranslationRun). The API key comes from the keychain as for chats.
class TranslateController : public QObject {
    Q_OBJECT
public:
    using ProviderMaker =
        std::function<std::unique_ptr<Provider>(const ProviderProfile &profile, const QString &apiKey)>;

    TranslateController(Settings *settings, SecretStore *secrets, ProviderMaker maker,
                        QObject *parent = nullptr);
    ~TranslateController() override;

    void setGlossary(const Glossary &glossary) { m_glossary = glossary; }
    const Glossary &glossary() const { return m_glossary; }
    // The template and concurrency come from Settings (Settings → Translate) each time a
    // translation starts, so a change there reaches the next run without a restart. These
    // setters override them for this controller (tests, benchmarks).
    void setTemplate(const QString &templateText) { m_templateOverride = templateText; }
    QString templateText() const;
    void setConcurrency(int n) { m_concurrencyOverride = std::max(n, 1); }
    int concurrency() const;
    // What Settings asks for: the saved template or, when none is saved, the built-in one;
    // the concurrency clamped to 1–16.
    static QString templateFromSettings(const Settings *settings);
    static int concurrencyFromSettings(const Settings *settings);
    // Chunk size in estimated tokens; 0: derived from a typical context (TextChunker).
    void setChunkTokens(int tokens) { m_chunkTokens = tokens; }

    // Starts translating `text` with the active profile (or `profileId`), replacing any run
    // before it. False (with an errorOccurred) when there is nothing to translate or no
    // provider is set up. The run is there at once (chunks pending) and starts when the
    // keychain has answered. An empty `options.model` takes Settings' translation model, or
    // else the profile's.
    bool translate(const QString &text, const TranslationOptions &options, const QString &profileId = {});
    void cancel();
    TranslationRun *run() const { return m_run; }
    QString sourceText() const { return m_source; }
    TranslationOptions options() const { return m_options; }

Q_SIGNALS:
    // A new run exists (chunks known); connect to its signals for progress.
    void runStarted(penpal::TranslationRun *run);
    void errorOccurred(const QString &message);

private:
    Settings *m_settings;
    SecretStore *m_secrets;
    ProviderMaker m_maker;
    std::unique_ptr<Provider> m_provider;
    QPointer<TranslationRun> m_run;
    Glossary m_glossary;
    std::optional<QString> m_templateOverride;
    QString m_source;
    TranslationOptions m_options;
    std::optional<int> m_concurrencyOverride;
    int m_chunkTokens = 0;
    quint64 m_generation = 0; // tells a late keychain answer which run it was for
};

} // namespace penpal
