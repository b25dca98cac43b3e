#pragma once

#include "secrets/SecretStore.h"

class QWidget;

namespace penpal {

// When the keychain could not store a key: tell the user why, and offer to keep the key for
// this session only (never written to disk). Returns true when the key is usable now.
bool handleKeySaveResult(QWidget *parent, SecretStore *secrets, const QString &profileId, const QString &key,
                         const SecretResult &result);

} // namespace penpal
