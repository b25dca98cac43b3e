#pragma once

#include "net/Provider.h"

namespace penpal {

// The model list of an Azure OpenAI profile: Azure's data-plane API offers no list of the
// resource's deployments to a key holder, and the deployment is what a request names, so the
// list is empty and no request is sent. finished() still comes from the event loop after
// start(), like every other job's, and abort() before that gives failed(Cancelled).
class AzureModelListJob : public ModelListJob {
    Q_OBJECT
public:
    using ModelListJob::ModelListJob;

    void start();
    void abort() override;
    bool isRunning() const { return m_running; }

private:
    bool m_running = true;
    bool m_started = false;
};

} // namespace penpal
