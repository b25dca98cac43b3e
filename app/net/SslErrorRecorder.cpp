#include "net/SslErrorRecorder.h"

#include <QNetworkReply>
#include <QObject>
#if QT_CONFIG(ssl)
#include <QSslError>
#endif

namespace penpal {

void SslErrorRecorder::record(QNetworkReply *reply, QObject *context, QStringList *into)
{
#if QT_CONFIG(ssl)
    QObject::connect(reply, &QNetworkReply::sslErrors, context, [into](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            *into << e.errorString();
    });
#else
    Q_UNUSED(reply)
    Q_UNUSED(context)
    Q_UNUSED(into)
#endif
}

} // namespace penpal
