// SecretStore against a real Secret Service: ctest runs this inside tests/support/with-keyring.sh
// (a private D-Bus session with an unlocked gnome-keyring-daemon). The same binary runs again
// as `keychain_unavailable` with PENPAL_EXPECT_NO_KEYCHAIN=1 and no reachable session bus,
// where only the failure case runs.
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>

using penpal::SecretResult;
using penpal::SecretStore;

namespace {

// Generous bound for one keychain round trip; a hang fails instead of blocking ctest.
constexpr int kWaitMs = 30000;

const char *statusName(SecretResult::Status s)
{
    switch (s) {
    case SecretResult::Ok:
        return "Ok";
    case SecretResult::NotFound:
        return "NotFound";
    case SecretResult::Error:
        return "Error";
    }
    return "?";
}

// Collects answers in arrival order, with the store's pendingJobs() seen at each answer.
struct Recorder {
    struct Entry {
        QString tag;
        SecretResult result;
        int pendingAtAnswer = -1;
    };
    QVector<Entry> entries;

    SecretStore::Callback make(const QString &tag, SecretStore *store = nullptr)
    {
        QPointer<SecretStore> s(store);
        return [this, tag, s](const SecretResult &r) {
            entries.append({tag, r, s ? s->pendingJobs() : -1});
        };
    }
    int count(const QString &tag) const
    {
        return int(
            std::count_if(entries.cbegin(), entries.cend(), [&](const Entry &e) { return e.tag == tag; }));
    }
};

// Messages seen while a test forces penpal.secrets debug output on.
QStringList g_logged;
QtMessageHandler g_previousHandler = nullptr;
QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

void captureMessages(QtMsgType type, const QMessageLogContext &ctx, const QString &msg)
{
    Q_UNUSED(type)
    Q_UNUSED(ctx)
    g_logged << msg;
}

void enableSecretsDebug(QLoggingCategory *category)
{
    if (qstrcmp(category->categoryName(), "penpal.secrets") == 0)
        category->setEnabled(QtDebugMsg, true);
    else if (g_previousFilter)
        g_previousFilter(category);
}

} // namespace

class tst_Keychain : public QObject {
    Q_OBJECT

private:
    bool m_expectNoKeychain = false;
    QString m_service;
    int m_profileCounter = 0;
    bool m_sawSynchronousCallback = false;

    // A fresh entry name per use, so no test depends on what another left behind.
    QString newProfile() { return QStringLiteral("profile-%1").arg(++m_profileCounter); }

    enum class Op { Read, Write, Delete };

    // Issues one request and waits for its answer. Also checks that the answer did not come
    // synchronously (noted for cleanup(), as QVERIFY cannot be used in a non-void helper).
    SecretResult run(SecretStore &store, Op op, const QString &profile, const QString &value = QString())
    {
        int calls = 0;
        SecretResult out;
        out.status = SecretResult::Error;
        out.error = QStringLiteral("<no answer within the wait bound>");
        auto done = [&](const SecretResult &r) {
            ++calls;
            out = r;
        };
        switch (op) {
        case Op::Read:
            store.readKey(profile, done);
            break;
        case Op::Write:
            store.writeKey(profile, value, done);
            break;
        case Op::Delete:
            store.deleteKey(profile, done);
            break;
        }
        if (calls != 0)
            m_sawSynchronousCallback = true;
        // On timeout `out` still holds the "no answer" error, which the caller's check reports.
        const bool answered = QTest::qWaitFor([&] { return calls > 0; }, kWaitMs);
        Q_UNUSED(answered)
        return out;
    }
    SecretResult read(SecretStore &s, const QString &p) { return run(s, Op::Read, p); }
    SecretResult write(SecretStore &s, const QString &p, const QString &v) { return run(s, Op::Write, p, v); }
    SecretResult remove(SecretStore &s, const QString &p) { return run(s, Op::Delete, p); }

    // Waits until every job in qtkeychain's global queue queued before now has finished:
    // its executor runs jobs one at a time in start order, so one more read answers last.
    void drainKeychain()
    {
        SecretStore probe(m_service);
        const SecretResult r = read(probe, QStringLiteral("drain-probe"));
        QVERIFY2(r.status != SecretResult::Error, qPrintable(r.error));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_expectNoKeychain = qEnvironmentVariableIsSet("PENPAL_EXPECT_NO_KEYCHAIN");
        // Unique per run, so parallel or leftover runs never see each other's entries.
        m_service = QStringLiteral("penpal-test-%1").arg(QCoreApplication::applicationPid());
        if (!m_expectNoKeychain) {
            // Never write test entries into a developer's own keyring.
            QVERIFY2(qEnvironmentVariableIsSet("PENPAL_IN_KEYRING_SESSION"),
                     "run through ctest, or tests/support/with-keyring.sh <binary>");
        }
    }

    void init()
    {
        m_sawSynchronousCallback = false;
        const QByteArray name = QTest::currentTestFunction();
        const bool failureCase = name == "unavailable";
        const bool anyMode = name == "sessionKeyNeedsNoKeychain";
        if (m_expectNoKeychain && !failureCase && !anyMode)
            QSKIP("needs a Secret Service; this run has none on purpose");
        if (!m_expectNoKeychain && failureCase)
            QSKIP("only meaningful without a Secret Service (ctest keychain_unavailable)");
    }

    void cleanup() { QVERIFY2(!m_sawSynchronousCallback, "a callback ran inside the request call"); }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("ascii") << QStringLiteral("fake-key-AbCdEf0123456789_xyz");
        QTest::newRow("unicode") << QStringLiteral("ключ-🔑-鍵-ß-é\u0301");
        QTest::newRow("spaces and symbols") << QStringLiteral("  a b\t\"'\\;=%00&<> ");
        QTest::newRow("long") << QString(2048, QLatin1Char('k'));
    }
    void roundTrip()
    {
        QFETCH(QString, key);
        const QString profile = newProfile();
        SecretStore store(m_service);
        QSignalSpy errors(&store, &SecretStore::keychainError);

        SecretResult w = write(store, profile, key);
        QVERIFY2(w.status == SecretResult::Ok, qPrintable(w.error));
        QVERIFY(w.error.isEmpty());

        SecretResult r = read(store, profile);
        QVERIFY2(r.status == SecretResult::Ok, qPrintable(r.error));
        QCOMPARE(r.value, key);

        // A second store has no memory of the first: the value really is in the keychain.
        SecretStore other(m_service);
        r = read(other, profile);
        QCOMPARE(statusName(r.status), "Ok");
        QCOMPARE(r.value, key);
        QCOMPARE(errors.count(), 0);
    }

    // Proves the entry went to the Secret Service itself (not some other store), under the
    // attributes qtkeychain's libsecret backend uses: user = profile id, server = service.
    void entryIsInSecretService()
    {
        const QString secretTool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
        if (secretTool.isEmpty())
            QSKIP("secret-tool (libsecret-tools) is not installed");
        const QString profile = newProfile();
        const QString key = QStringLiteral("sk-visible-to-secret-tool-ü");
        SecretStore store(m_service);
        QCOMPARE(statusName(write(store, profile, key).status), "Ok");

        QProcess lookup;
        lookup.start(secretTool,
                     {QStringLiteral("lookup"), QStringLiteral("user"), profile, QStringLiteral("server"),
                      m_service, QStringLiteral("type"), QStringLiteral("plaintext")});
        QVERIFY(lookup.waitForFinished(kWaitMs));
        QCOMPARE(lookup.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(lookup.readAllStandardOutput()).trimmed(), key);
    }

    void overwrite()
    {
        const QString profile = newProfile();
        SecretStore store(m_service);
        QCOMPARE(statusName(write(store, profile, QStringLiteral("first")).status), "Ok");
        QCOMPARE(statusName(write(store, profile, QStringLiteral("second")).status), "Ok");
        const SecretResult r = read(store, profile);
        QCOMPARE(statusName(r.status), "Ok");
        QCOMPARE(r.value, QStringLiteral("second"));
    }

    void readMissingIsNotFound()
    {
        SecretStore store(m_service);
        QSignalSpy errors(&store, &SecretStore::keychainError);
        const SecretResult r = read(store, newProfile());
        QCOMPARE(statusName(r.status), "NotFound");
        QVERIFY(r.value.isEmpty());
        QVERIFY(r.error.isEmpty());
        QCOMPARE(errors.count(), 0); // not an error for the UI
    }

    void deleteThenRead()
    {
        const QString profile = newProfile();
        SecretStore store(m_service);
        QCOMPARE(statusName(write(store, profile, QStringLiteral("to-go")).status), "Ok");
        QCOMPARE(statusName(remove(store, profile).status), "Ok");
        QCOMPARE(statusName(read(store, profile).status), "NotFound");
    }

    void deleteMissingIsOk()
    {
        SecretStore store(m_service);
        QSignalSpy errors(&store, &SecretStore::keychainError);
        const SecretResult r = remove(store, newProfile());
        QCOMPARE(statusName(r.status), "Ok");
        QCOMPARE(errors.count(), 0);
    }

    // All six requests are queued before any answer: reads must see exactly the writes and
    // deletes queued before them, and answers come back in request order, one each.
    void fifoSerialization()
    {
        const QString a = newProfile();
        SecretStore store(m_service);
        Recorder rec;
        store.writeKey(a, QStringLiteral("A1"), rec.make(QStringLiteral("write A1"), &store));
        store.readKey(a, rec.make(QStringLiteral("read 1"), &store));
        store.writeKey(a, QStringLiteral("A2"), rec.make(QStringLiteral("write A2"), &store));
        store.readKey(a, rec.make(QStringLiteral("read 2"), &store));
        store.deleteKey(a, rec.make(QStringLiteral("delete"), &store));
        store.readKey(a, rec.make(QStringLiteral("read 3"), &store));
        QVERIFY(rec.entries.isEmpty()); // nothing answered synchronously
        QCOMPARE(store.pendingJobs(), 6);

        QVERIFY(QTest::qWaitFor([&] { return rec.entries.size() >= 6; }, kWaitMs));
        QCOMPARE(store.pendingJobs(), 0);

        const QStringList expectedTags{QStringLiteral("write A1"), QStringLiteral("read 1"),
                                       QStringLiteral("write A2"), QStringLiteral("read 2"),
                                       QStringLiteral("delete"),   QStringLiteral("read 3")};
        const char *expectedStatus[] = {"Ok", "Ok", "Ok", "Ok", "Ok", "NotFound"};
        const QString expectedValue[] = {{}, QStringLiteral("A1"), {}, QStringLiteral("A2"), {}, {}};
        QCOMPARE(rec.entries.size(), 6);
        for (int i = 0; i < 6; ++i) {
            const auto &e = rec.entries.at(i);
            QCOMPARE(e.tag, expectedTags.at(i));
            QCOMPARE(statusName(e.result.status), expectedStatus[i]);
            QCOMPARE(e.result.value, expectedValue[i]);
            // The answered job no longer counts; the ones behind it do.
            QCOMPARE(e.pendingAtAnswer, 5 - i);
        }

        // Nothing is answered twice: one more round trip lets any stray answer arrive first.
        QCOMPARE(statusName(read(store, a).status), "NotFound");
        QCOMPARE(rec.entries.size(), 6);
    }

    void requestsFromCallbacksKeepOrder()
    {
        const QString a = newProfile();
        SecretStore store(m_service);
        Recorder rec;
        // A request made inside an answer goes behind those already queued.
        store.writeKey(a, QStringLiteral("v1"), [&](const SecretResult &r) {
            rec.entries.append({QStringLiteral("write v1"), r, store.pendingJobs()});
            store.readKey(a, rec.make(QStringLiteral("read from callback")));
        });
        store.writeKey(a, QStringLiteral("v2"), rec.make(QStringLiteral("write v2")));
        QVERIFY(QTest::qWaitFor([&] { return rec.entries.size() >= 3; }, kWaitMs));
        QCOMPARE(rec.entries.at(0).tag, QStringLiteral("write v1"));
        QCOMPARE(rec.entries.at(1).tag, QStringLiteral("write v2"));
        QCOMPARE(rec.entries.at(2).tag, QStringLiteral("read from callback"));
        QCOMPARE(rec.entries.at(2).result.value, QStringLiteral("v2"));
    }

    void profilesDoNotMix()
    {
        const QString a = newProfile();
        const QString b = newProfile();
        SecretStore store(m_service);
        QCOMPARE(statusName(write(store, a, QStringLiteral("key-a")).status), "Ok");
        QCOMPARE(statusName(write(store, b, QStringLiteral("key-b")).status), "Ok");
        QCOMPARE(read(store, a).value, QStringLiteral("key-a"));
        QCOMPARE(read(store, b).value, QStringLiteral("key-b"));

        QCOMPARE(statusName(remove(store, a).status), "Ok");
        QCOMPARE(statusName(read(store, a).status), "NotFound");
        const SecretResult rb = read(store, b);
        QCOMPARE(statusName(rb.status), "Ok");
        QCOMPARE(rb.value, QStringLiteral("key-b"));
    }

    void servicesDoNotMix()
    {
        const QString a = newProfile();
        SecretStore store(m_service);
        SecretStore otherApp(m_service + QStringLiteral("-other"));
        QCOMPARE(statusName(write(store, a, QStringLiteral("mine")).status), "Ok");
        QCOMPARE(statusName(read(otherApp, a).status), "NotFound");
    }

    void sessionKeyNeedsNoKeychain()
    {
        const QString profile = newProfile();
        SecretStore store(m_service);
        QSignalSpy errors(&store, &SecretStore::keychainError);
        QVERIFY(!store.hasSessionKey(profile));
        store.setSessionKey(profile, QStringLiteral("session-only"));
        QVERIFY(store.hasSessionKey(profile));

        int calls = 0;
        SecretResult out;
        store.readKey(profile, [&](const SecretResult &r) {
            ++calls;
            out = r;
        });
        QCOMPARE(calls, 0);               // still asynchronous
        QCOMPARE(store.pendingJobs(), 0); // no keychain job for it
        QVERIFY(QTest::qWaitFor([&] { return calls > 0; }, kWaitMs));
        QCOMPARE(statusName(out.status), "Ok");
        QCOMPARE(out.value, QStringLiteral("session-only"));
        QCOMPARE(errors.count(), 0);

        store.setSessionKey(profile, QString());
        QVERIFY(!store.hasSessionKey(profile));
    }

    void sessionKeyIsNotStored()
    {
        const QString profile = newProfile();
        SecretStore store(m_service);
        store.setSessionKey(profile, QStringLiteral("memory"));
        QCOMPARE(read(store, profile).value, QStringLiteral("memory"));
        SecretStore other(m_service);
        QCOMPARE(statusName(read(other, profile).status), "NotFound");
    }

    void sessionKeyShadowsKeychainUntilWritten()
    {
        const QString profile = newProfile();
        SecretStore store(m_service);
        QCOMPARE(statusName(write(store, profile, QStringLiteral("stored")).status), "Ok");
        store.setSessionKey(profile, QStringLiteral("session"));
        QCOMPARE(read(store, profile).value, QStringLiteral("session"));

        // Clearing it uncovers the keychain entry again.
        store.setSessionKey(profile, QString());
        QCOMPARE(read(store, profile).value, QStringLiteral("stored"));

        // Saving a key replaces a session key, so a stale one cannot win later.
        store.setSessionKey(profile, QStringLiteral("session"));
        QCOMPARE(statusName(write(store, profile, QStringLiteral("newer")).status), "Ok");
        QVERIFY(!store.hasSessionKey(profile));
        QCOMPARE(read(store, profile).value, QStringLiteral("newer"));

        store.setSessionKey(profile, QStringLiteral("session"));
        QCOMPARE(statusName(remove(store, profile).status), "Ok");
        QVERIFY(!store.hasSessionKey(profile));
        QCOMPARE(statusName(read(store, profile).status), "NotFound");
    }

    void destroyWithPendingJobs_data()
    {
        QTest::addColumn<int>("inFlight"); // Op of the request already handed to qtkeychain
        QTest::addColumn<QString>("expectedStatus");
        QTest::addColumn<QString>("expectedValue");
        QTest::newRow("write in flight") << int(Op::Write) << "Ok"
                                         << "in-flight";
        QTest::newRow("read in flight") << int(Op::Read) << "Ok"
                                        << "before";
        QTest::newRow("delete in flight") << int(Op::Delete) << "NotFound" << QString();
    }
    void destroyWithPendingJobs()
    {
        QFETCH(int, inFlight);
        QFETCH(QString, expectedStatus);
        QFETCH(QString, expectedValue);
        const QString a = newProfile();
        {
            SecretStore setup(m_service);
            QCOMPARE(statusName(write(setup, a, QStringLiteral("before")).status), "Ok");
        }

        int dropped = 0;
        auto count = [&](const SecretResult &) {
            ++dropped;
        };
        auto *store = new SecretStore(m_service);
        switch (Op(inFlight)) { // the first request starts at once
        case Op::Read:
            store->readKey(a, count);
            break;
        case Op::Write:
            store->writeKey(a, QStringLiteral("in-flight"), count);
            break;
        case Op::Delete:
            store->deleteKey(a, count);
            break;
        }
        store->writeKey(a, QStringLiteral("never"), count);
        store->readKey(a, count);
        store->deleteKey(a, count);
        store->setSessionKey(a, QStringLiteral("s"));
        store->readKey(a, count); // a session answer, posted to the event loop
        QCOMPARE(store->pendingJobs(), 4);
        delete store;

        // The job already handed to qtkeychain finishes on its own, safely; the queued ones
        // never run, and no callback reaches the dead store's callers.
        drainKeychain();
        QCoreApplication::processEvents();
        QCOMPARE(dropped, 0);
        SecretStore fresh(m_service);
        const SecretResult r = read(fresh, a);
        QCOMPARE(QString::fromLatin1(statusName(r.status)), expectedStatus);
        QCOMPARE(r.value, expectedValue);
    }

    void destroyFromCallback()
    {
        const QString a = newProfile();
        auto *store = new SecretStore(m_service);
        int first = 0;
        int later = 0;
        store->writeKey(a, QStringLiteral("x"), [&](const SecretResult &) {
            ++first;
            delete store; // the owner goes away while answers are being delivered
            store = nullptr;
        });
        store->readKey(a, [&](const SecretResult &) { ++later; });
        QVERIFY(QTest::qWaitFor([&] { return first > 0; }, kWaitMs));
        QVERIFY(store == nullptr);
        drainKeychain();
        QCOMPARE(later, 0);
    }

    void keyNeverLogged()
    {
        const QString profile = newProfile();
        const QString secret = QStringLiteral("sk-SENTINEL-%1").arg(QCoreApplication::applicationPid());
        g_logged.clear();
        g_previousFilter = QLoggingCategory::installFilter(enableSecretsDebug);
        g_previousHandler = qInstallMessageHandler(captureMessages);
        {
            SecretStore store(m_service);
            write(store, profile, secret);
            read(store, profile);
            store.setSessionKey(profile, secret);
            read(store, profile);
            remove(store, profile);
        }
        qInstallMessageHandler(g_previousHandler);
        QLoggingCategory::installFilter(g_previousFilter);
        QVERIFY2(!g_logged.isEmpty(), "debug logging was not on, so this test proves nothing");
        QVERIFY(g_logged.join(QLatin1Char('\n')).contains(profile)); // ids are fine
        for (const QString &line : std::as_const(g_logged))
            QVERIFY2(!line.contains(QStringLiteral("SENTINEL")), qPrintable(line));
    }

    // keychain_unavailable: no session bus at all. Every keychain request must fail loudly.
    void unavailable()
    {
        const QString profile = newProfile();
        SecretStore store(m_service);
        QSignalSpy errors(&store, &SecretStore::keychainError);

        const SecretResult w = write(store, profile, QStringLiteral("sk-nowhere"));
        QCOMPARE(statusName(w.status), "Error");
        QVERIFY(!w.error.trimmed().isEmpty());
        QVERIFY2(w.error.contains(QStringLiteral("not saved")), qPrintable(w.error));
        QCOMPARE(errors.count(), 1);
        QCOMPARE(errors.at(0).at(0).toString(), w.error);
        qInfo("shown to the user: %s", qPrintable(w.error));

        const SecretResult r = read(store, profile);
        QCOMPARE(statusName(r.status), "Error");
        QVERIFY(!r.error.trimmed().isEmpty());
        QVERIFY(r.value.isEmpty());
        QCOMPARE(errors.count(), 2);
        QCOMPARE(errors.at(1).at(0).toString(), r.error);

        const SecretResult d = remove(store, profile);
        QCOMPARE(statusName(d.status), "Error");
        QCOMPARE(errors.count(), 3);
        QCOMPARE(store.pendingJobs(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Keychain)
#include "tst_keychain.moc"
