#include "KeychainFallback.h"

#include <QMessageBox>
#include <QPushButton>

namespace penpal {

bool handleKeySaveResult(QWidget *parent, SecretStore *secrets, const QString &profileId, const QString &key,
                         const SecretResult &result)
{
    if (result.status != SecretResult::Error)
        return true;
    QMessageBox box(QMessageBox::Warning, QObject::tr("API key not saved"),
                    QObject::tr("%1\n\nPenpal never writes API keys to a file. You can use the key for this "
                                "session only; you will be asked again after a restart.")
                        .arg(result.error),
                    QMessageBox::Cancel, parent);
    box.setObjectName(QStringLiteral("keychainErrorDialog"));
    QPushButton *session = box.addButton(QObject::tr("Use for This Session"), QMessageBox::AcceptRole);
    box.exec();
    if (box.clickedButton() != session || key.isEmpty())
        return false;
    secrets->setSessionKey(profileId, key);
    return true;
}

} // namespace penpal
