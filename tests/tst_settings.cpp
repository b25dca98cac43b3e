#include "settings/Settings.h"

#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using penpal::ProviderProfile;
using penpal::Settings;

Q_DECLARE_METATYPE(penpal::Settings::Key)

namespace {

ProviderProfile makeProfile(const QString &name, const QString &id = QString())
{
    ProviderProfile p;
    p.id = id;
    p.name = name;
    p.kind = QStringLiteral("anthropic");
    p.baseUrl = QUrl(QStringLiteral("https://example.invalid/v1"));
    p.model = QStringLiteral("model-") + name;
    p.systemPrompt = QStringLiteral("Be brief.\nSecond line, with = and ; and ünïcödé");
    p.params.temperature = 0.25;
    p.params.maxTokens = 512;
    p.params.stop = QStringList{QStringLiteral("END"), QStringLiteral("\n\n")};
    p.connectTimeoutMs = 1234;
    p.idleTimeoutMs = 5678;
    return p;
}

void compareProfiles(const ProviderProfile &actual, const ProviderProfile &expected)
{
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.name, expected.name);
    QCOMPARE(actual.kind, expected.kind);
    QCOMPARE(actual.baseUrl, expected.baseUrl);
    QCOMPARE(actual.model, expected.model);
    QCOMPARE(actual.systemPrompt, expected.systemPrompt);
    QVERIFY(actual.params == expected.params);
    QCOMPARE(actual.connectTimeoutMs, expected.connectTimeoutMs);
    QCOMPARE(actual.idleTimeoutMs, expected.idleTimeoutMs);
}

} // namespace

class tst_Settings : public QObject {
    Q_OBJECT

private:
    QString iniPath() const { return m_dir->filePath(QStringLiteral("penpal.ini")); }
    std::unique_ptr<QTemporaryDir> m_dir;

private Q_SLOTS:
    void init()
    {
        // A fresh file per test function, so no test sees another's values.
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void defaults_data()
    {
        QTest::addColumn<Settings::Key>("key");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QVariant>("expected");
        QTest::newRow("windowGeometry")
            << Settings::WindowGeometry << "ui/windowGeometry" << QVariant(QByteArray());
        QTest::newRow("windowState") << Settings::WindowState << "ui/windowState" << QVariant(QByteArray());
        QTest::newRow("splitterState")
            << Settings::SplitterState << "ui/splitterState" << QVariant(QByteArray());
        QTest::newRow("lastConversationId")
            << Settings::LastConversationId << "ui/lastConversationId" << QVariant(qint64(0));
        QTest::newRow("activeProfileId")
            << Settings::ActiveProfileId << "providers/activeProfile" << QVariant(QString());
    }
    void defaults()
    {
        QFETCH(Settings::Key, key);
        QFETCH(QString, name);
        QFETCH(QVariant, expected);
        Settings s(iniPath());
        QCOMPARE(Settings::keyName(key), name);
        QCOMPARE(Settings::defaultValue(key), expected);
        const QVariant v = s.value(key);
        QCOMPARE(v.metaType(), expected.metaType());
        QCOMPARE(v, expected);
    }

    void keyNamesAreUnique()
    {
        QSet<QString> names;
        for (int k = 0; k < Settings::KeyCount; ++k) {
            const QString name = Settings::keyName(Settings::Key(k));
            QVERIFY2(!name.isEmpty(), qPrintable(QString::number(k)));
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
        }
    }

    void roundTrip_data()
    {
        QTest::addColumn<Settings::Key>("key");
        QTest::addColumn<QVariant>("value");
        QTest::newRow("geometry binary")
            << Settings::WindowGeometry << QVariant(QByteArray("\x01\x00\xff\n=;[]", 9));
        QTest::newRow("state") << Settings::WindowState << QVariant(QByteArray("state-bytes"));
        QTest::newRow("splitter") << Settings::SplitterState << QVariant(QByteArray(300, '\x7f'));
        QTest::newRow("conversation id")
            << Settings::LastConversationId << QVariant(qint64(9007199254740993LL));
        QTest::newRow("active profile")
            << Settings::ActiveProfileId << QVariant(QStringLiteral("4f1c-ünï/cödé"));
    }
    void roundTrip()
    {
        QFETCH(Settings::Key, key);
        QFETCH(QVariant, value);
        {
            Settings s(iniPath());
            s.setValue(key, value);
            QCOMPARE(s.value(key), value);
        } // destroying the instance writes the file
        QVERIFY(QFile::exists(iniPath()));
        Settings again(iniPath());
        const QVariant v = again.value(key);
        QCOMPARE(v.metaType(), value.metaType());
        QCOMPARE(v, value);
    }

    void syncPersistsWhileOpen()
    {
        Settings writer(iniPath());
        writer.setValue(Settings::LastConversationId, qint64(42));
        writer.sync();
        Settings reader(iniPath());
        QCOMPARE(reader.value(Settings::LastConversationId), QVariant(qint64(42)));
        QCOMPARE(writer.fileName(), iniPath());
    }

    void changedOncePerRealChange()
    {
        Settings s(iniPath());
        QSignalSpy spy(&s, &Settings::changed);

        s.setValue(Settings::LastConversationId, qint64(7));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<Settings::Key>(), Settings::LastConversationId);

        s.setValue(Settings::LastConversationId, qint64(7));
        QCOMPARE(spy.count(), 1);
        // The same number in another type is the same value, not a change.
        s.setValue(Settings::LastConversationId, 7);
        s.setValue(Settings::LastConversationId, QStringLiteral("7"));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(s.value(Settings::LastConversationId), QVariant(qint64(7)));

        s.setValue(Settings::LastConversationId, qint64(8));
        QCOMPARE(spy.count(), 2);

        // Setting the default while nothing is stored changes nothing.
        s.setValue(Settings::ActiveProfileId, QString());
        QCOMPARE(spy.count(), 2);
        s.setValue(Settings::ActiveProfileId, QStringLiteral("p1"));
        QCOMPARE(spy.count(), 3);
        QCOMPARE(spy.at(2).at(0).value<Settings::Key>(), Settings::ActiveProfileId);

        // A new instance reading the same file sees no change either.
        Settings other(iniPath());
        QSignalSpy otherSpy(&other, &Settings::changed);
        s.sync();
        other.setValue(Settings::ActiveProfileId, QStringLiteral("p1"));
        QCOMPARE(otherSpy.count(), 0);
    }

    void reset()
    {
        Settings s(iniPath());
        QSignalSpy spy(&s, &Settings::changed);

        s.reset(Settings::WindowState); // already the default
        QCOMPARE(spy.count(), 0);

        s.setValue(Settings::WindowState, QByteArray("abc"));
        QCOMPARE(spy.count(), 1);
        s.reset(Settings::WindowState);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(0).value<Settings::Key>(), Settings::WindowState);
        QCOMPARE(s.value(Settings::WindowState), Settings::defaultValue(Settings::WindowState));

        s.reset(Settings::WindowState);
        QCOMPARE(spy.count(), 2);

        s.sync();
        Settings again(iniPath());
        QCOMPARE(again.value(Settings::WindowState), Settings::defaultValue(Settings::WindowState));
    }

    void saveProfileGeneratesId()
    {
        Settings s(iniPath());
        QSignalSpy spy(&s, &Settings::profilesChanged);
        const QString id1 = s.saveProfile(makeProfile(QStringLiteral("one")));
        const QString id2 = s.saveProfile(makeProfile(QStringLiteral("one")));
        QVERIFY(!id1.isEmpty());
        QVERIFY(!id2.isEmpty());
        QVERIFY(id1 != id2);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(s.profiles().size(), 2);

        ProviderProfile expected = makeProfile(QStringLiteral("one"), id1);
        compareProfiles(s.profile(id1), expected);
        QVERIFY(s.profile(id1).isValid());
    }

    void saveProfileKeepsGivenId()
    {
        Settings s(iniPath());
        const ProviderProfile p = makeProfile(QStringLiteral("fixed"), QStringLiteral("my-id"));
        QCOMPARE(s.saveProfile(p), QStringLiteral("my-id"));
        compareProfiles(s.profile(QStringLiteral("my-id")), p);
    }

    void profilesPersistAcrossInstances()
    {
        ProviderProfile p = makeProfile(QStringLiteral("persisted"));
        {
            Settings s(iniPath());
            p.id = s.saveProfile(p);
        }
        Settings again(iniPath());
        const auto all = again.profiles();
        QCOMPARE(all.size(), 1);
        compareProfiles(all.first(), p);
    }

    void replaceProfile()
    {
        Settings s(iniPath());
        const QString id = s.saveProfile(makeProfile(QStringLiteral("before")));
        ProviderProfile changed = makeProfile(QStringLiteral("after"), id);
        changed.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8080/v1"));
        changed.params = {};
        changed.systemPrompt.clear();
        QSignalSpy spy(&s, &Settings::profilesChanged);
        QCOMPARE(s.saveProfile(changed), id);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(s.profiles().size(), 1);
        compareProfiles(s.profile(id), changed);
    }

    void removeProfile()
    {
        Settings s(iniPath());
        const QString a = s.saveProfile(makeProfile(QStringLiteral("a")));
        const QString b = s.saveProfile(makeProfile(QStringLiteral("b")));
        QSignalSpy spy(&s, &Settings::profilesChanged);

        s.removeProfile(a);
        QCOMPARE(spy.count(), 1);
        QVERIFY(!s.profile(a).isValid());
        QVERIFY(s.profile(a).id.isEmpty());
        QCOMPARE(s.profiles().size(), 1);
        QCOMPARE(s.profiles().first().id, b);

        s.removeProfile(a); // already gone
        s.removeProfile(QStringLiteral("never-existed"));
        s.removeProfile(QString());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(s.profiles().size(), 1);
    }

    void profilesSortedByName()
    {
        Settings s(iniPath());
        s.saveProfile(makeProfile(QStringLiteral("Zeta")));
        s.saveProfile(makeProfile(QStringLiteral("alpha")));
        s.saveProfile(makeProfile(QStringLiteral("Mid")));
        const auto all = s.profiles();
        QCOMPARE(all.size(), 3);
        QStringList names;
        for (const auto &p : all)
            names << p.name;
        QCOMPARE(names,
                 (QStringList{QStringLiteral("alpha"), QStringLiteral("Mid"), QStringLiteral("Zeta")}));
    }

    void activeProfileFallback()
    {
        Settings s(iniPath());
        QVERIFY(!s.activeProfile().isValid()); // no profiles at all

        const QString b = s.saveProfile(makeProfile(QStringLiteral("b")));
        const QString a = s.saveProfile(makeProfile(QStringLiteral("a")));
        // Nothing chosen: the first by name.
        QCOMPARE(s.activeProfile().id, a);

        s.setValue(Settings::ActiveProfileId, b);
        QCOMPARE(s.activeProfile().id, b);

        // The chosen one disappears: fall back instead of returning nothing.
        s.removeProfile(b);
        QCOMPARE(s.activeProfile().id, a);

        s.setValue(Settings::ActiveProfileId, QStringLiteral("dangling"));
        QCOMPARE(s.activeProfile().id, a);

        s.removeProfile(a);
        QVERIFY(!s.activeProfile().isValid());
    }

    void profileWithoutBaseUrlIsMissing()
    {
        Settings s(iniPath());
        QVERIFY(!s.profile(QString()).isValid());
        QVERIFY(!s.profile(QStringLiteral("nope")).isValid());
    }

    // Keys belong in the keychain. Whatever a profile holds, its stored form has no field
    // that could carry one.
    void profileIniHoldsNoSecrets()
    {
        {
            Settings s(iniPath());
            s.saveProfile(makeProfile(QStringLiteral("full")));
            s.setValue(Settings::ActiveProfileId, QStringLiteral("whatever"));
        }
        QSettings raw(iniPath(), QSettings::IniFormat);
        const QStringList keys = raw.allKeys();
        QVERIFY(keys.size() >= 8); // the profile's fields really were written
        const QStringList forbidden{QStringLiteral("key"),    QStringLiteral("token"),
                                    QStringLiteral("secret"), QStringLiteral("password"),
                                    QStringLiteral("auth"),   QStringLiteral("credential")};
        for (const QString &k : keys) {
            const QString leaf = k.section(QLatin1Char('/'), -1).toLower();
            for (const QString &word : forbidden)
                QVERIFY2(!leaf.contains(word), qPrintable(QStringLiteral("suspicious entry: ") + k));
        }

        QFile file(iniPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll().toLower();
        for (const char *word : {"apikey", "api_key", "authorization", "bearer"})
            QVERIFY2(!text.contains(word), word);
    }
};

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
