#include "tests/support/temporarykeychain.h"

#include "tests/support/temporaryhome.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTest>

namespace fmc::test {

namespace {

// A session bus that starts nothing on demand: only the daemon started below owns a name.
constexpr const char kBusConfig[] = R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=%1</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
)";

void stop(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished(2000);
    }
}

} // namespace

TemporaryKeychain::TemporaryKeychain(const TemporaryHome &home)
    : m_home(home)
{
}

TemporaryKeychain::~TemporaryKeychain()
{
    stop(m_keyring);
    stop(m_bus);
}

bool TemporaryKeychain::start(QString *error)
{
    const QString busDaemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
    const QString keyringDaemon = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
    if (busDaemon.isEmpty() || keyringDaemon.isEmpty()) {
        *error = QStringLiteral("dbus-daemon and gnome-keyring-daemon are needed (packaging/install-deps.sh installs them)");
        return false;
    }
    const QString runtime = m_home.filePath(QStringLiteral("run"));
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile config(m_home.filePath(QStringLiteral("session-bus.conf")));
    if (!config.open(QIODevice::WriteOnly)) {
        *error = config.errorString();
        return false;
    }
    config.write(QString::fromLatin1(kBusConfig).arg(runtime + QStringLiteral("/bus")).toUtf8());
    config.close();

    m_bus.start(busDaemon, {QStringLiteral("--config-file=") + config.fileName(), QStringLiteral("--nofork"),
                            QStringLiteral("--print-address=1")});
    if (!m_bus.waitForStarted(5000)
        || !QTest::qWaitFor([this] { return m_bus.canReadLine() || m_bus.state() == QProcess::NotRunning; }, 10000)
        || !m_bus.canReadLine()) {
        *error = QStringLiteral("dbus-daemon did not start: ") + QString::fromLocal8Bit(m_bus.readAllStandardError());
        return false;
    }
    m_address = QString::fromUtf8(m_bus.readLine()).trimmed();

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    m_home.addTo(environment);
    environment.insert(QStringLiteral("HOME"), m_home.path());
    addTo(environment);
    m_keyring.setProcessEnvironment(environment);
    // --unlock reads the password of the login keyring (created here) from stdin.
    m_keyring.start(keyringDaemon, {QStringLiteral("--foreground"), QStringLiteral("--unlock"),
                                    QStringLiteral("--components=secrets")});
    if (!m_keyring.waitForStarted(5000)) {
        *error = QStringLiteral("gnome-keyring-daemon did not start");
        return false;
    }
    m_keyring.write("fmc-test-keyring");
    m_keyring.closeWriteChannel();
    if (!QTest::qWaitFor([this] { return secretServiceAnswers() || m_keyring.state() == QProcess::NotRunning; }, 15000)
        || m_keyring.state() == QProcess::NotRunning) {
        *error = QStringLiteral("the Secret Service did not come up: ")
                 + QString::fromLocal8Bit(m_keyring.readAllStandardError());
        return false;
    }
    return true;
}

bool TemporaryKeychain::secretServiceAnswers() const
{
    QProcess ask;
    ask.start(QStringLiteral("dbus-send"),
              {QStringLiteral("--bus=") + m_address, QStringLiteral("--print-reply"),
               QStringLiteral("--dest=org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
               QStringLiteral("org.freedesktop.DBus.NameHasOwner"), QStringLiteral("string:org.freedesktop.secrets")});
    return ask.waitForFinished(5000) && ask.exitCode() == 0 && ask.readAllStandardOutput().contains("boolean true");
}

void TemporaryKeychain::addTo(QProcessEnvironment &environment) const
{
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), m_address);
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.filePath(QStringLiteral("run")));
    // A desktop name would make QtKeychain prefer KWallet; the Secret Service is what runs here.
    environment.remove(QStringLiteral("XDG_CURRENT_DESKTOP"));
    environment.remove(QStringLiteral("DESKTOP_SESSION"));
}

void TemporaryKeychain::exportToEnvironment() const
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());
    qputenv("XDG_RUNTIME_DIR", m_home.filePath(QStringLiteral("run")).toUtf8());
    qunsetenv("XDG_CURRENT_DESKTOP");
    qunsetenv("DESKTOP_SESSION");
}

} // namespace fmc::test
