#pragma once

#include "net/ChatRequest.h"
#include "net/JobError.h"
#include "net/ProviderProfile.h"

#include <QObject>
#include <QStringList>

class QNetworkAccessManager;

namespace penpal {

class ChatJob;

// Lists the models a server offers (GET {base}/models for OpenAI-compatible servers).
class ModelListJob : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void abort() = 0;
Q_SIGNALS:
    void finished(const QStringList &models);
    void failed(const penpal::JobError &error);
};

// Turns requests into jobs for one kind of API. One instance per profile; all share the
// application's single QNetworkAccessManager.
class Provider {
public:
    virtual ~Provider() = default;
    virtual ChatJob *startChat(const ChatRequest &request, QObject *parent) = 0;
    virtual ModelListJob *listModels(QObject *parent) = 0;
};

} // namespace penpal
