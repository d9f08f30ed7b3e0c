#include "app/auth/azureclicredential.h"

#include "app/api/safenumber.h"
#include "app/auth/authlog.h"
#include "models/json.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

namespace fmc {
namespace {

constexpr int kProcessTimeoutMs = 60000;

QString firstLines(const QByteArray &text)
{
    QString result = QString::fromLocal8Bit(text).trimmed();
    const QStringList lines = result.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    result = lines.mid(0, 3).join(QLatin1Char(' '));
    return result.left(400);
}

} // namespace

AzureCliCredential::AzureCliCredential(const AuthConfig &config, QObject *parent)
    : Credential(config, parent)
{
}

AzureCliCredential::~AzureCliCredential()
{
    abortOperation();
}

QString AzureCliCredential::resource() const
{
    QString resource = config().scope.section(QLatin1Char(' '), 0, 0);
    if (resource.endsWith(QLatin1String("/.default")))
        resource.chop(int(qstrlen("/.default")));
    return resource;
}

void AzureCliCredential::startAcquire()
{
    const QString program = QFileInfo(m_program).isAbsolute() ? m_program : QStandardPaths::findExecutable(m_program);
    if (program.isEmpty() || !QFileInfo(program).isExecutable()) {
        QTimer::singleShot(0, this, [this] {
            finish(TokenGrant::failure(QStringLiteral("az_not_found"),
                                       tr("The Azure CLI (az) was not found on PATH. Install it and run \"az login\", "
                                          "or choose another way to sign in.")));
        });
        return;
    }
    QStringList arguments{QStringLiteral("account"), QStringLiteral("get-access-token"), QStringLiteral("--resource"),
                          resource(), QStringLiteral("--output"), QStringLiteral("json")};
    const QString tenant = config().tenant;
    if (!tenant.isEmpty() && tenant != QLatin1String("organizations") && tenant != QLatin1String("common"))
        arguments << QStringLiteral("--tenant") << tenant;

    auto *process = new QProcess(this);
    m_process = process;
    process->setProgram(program);
    process->setArguments(arguments);
    process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(process, &QProcess::finished, this, [this, process](int exitCode, QProcess::ExitStatus status) {
        if (process != m_process)
            return;
        onFinished(exitCode, status == QProcess::CrashExit);
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (process != m_process || error != QProcess::FailedToStart)
            return;
        m_process = nullptr;
        process->deleteLater();
        finish(TokenGrant::failure(QStringLiteral("az_not_found"),
                                   tr("The Azure CLI (az) could not be started: %1").arg(process->errorString())));
    });
    // az can hang on a prompt or a dead network; never wait for it forever.
    QTimer::singleShot(kProcessTimeoutMs, process, [this, process] {
        if (process != m_process)
            return;
        abortOperation();
        finish(TokenGrant::failure(QStringLiteral("az_timeout"),
                                   tr("The Azure CLI did not answer within %1 seconds.").arg(kProcessTimeoutMs / 1000)));
    });
    qCDebug(lcAuth) << "running" << program << arguments.join(QLatin1Char(' '));
    Q_EMIT progress(tr("Asking the Azure CLI for a token..."));
    process->start(QIODevice::ReadOnly);
}

void AzureCliCredential::onFinished(int exitCode, bool crashed)
{
    QProcess *process = m_process;
    m_process = nullptr;
    process->deleteLater();
    const QByteArray output = process->readAllStandardOutput();
    const QByteArray errors = process->readAllStandardError();
    if (crashed || exitCode != 0) {
        const QString detail = firstLines(errors);
        const bool needsLogin = detail.contains(QLatin1String("az login"));
        finish(TokenGrant::failure(needsLogin ? QStringLiteral("az_login_required") : QStringLiteral("az_failed"),
                                   needsLogin ? tr("The Azure CLI is not signed in. Run \"az login\" and try again.")
                                              : tr("The Azure CLI failed (exit code %1): %2").arg(exitCode).arg(detail)));
        return;
    }
    finish(parseOutput(output, QDateTime::currentDateTimeUtc()));
}

TokenGrant AzureCliCredential::parseOutput(const QByteArray &output, const QDateTime &nowUtc)
{
    const auto json = parseJson(output, nullptr, JsonLimits{1024 * 1024, 8});
    const auto invalid = [] {
        return TokenGrant::failure(QStringLiteral("az_invalid_output"),
                                   tr("The Azure CLI answered something other than a token."));
    };
    if (!json || !json->is_object())
        return invalid();
    const auto token = json->find("accessToken");
    if (token == json->end() || !token->is_string() || token->get<std::string>().empty())
        return invalid();

    QDateTime expiresAt;
    // expires_on (epoch seconds, az >= 2.54) is unambiguous; expiresOn is local time without zone.
    const auto epoch = json->find("expires_on");
    // Clamped to year 9999: a double beyond qint64 is undefined behaviour when converted.
    if (epoch != json->end())
        if (const auto seconds = clampedInteger(*epoch, 0, qint64(253402300799)))
            expiresAt = QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC);
    if (!expiresAt.isValid() || expiresAt.toSecsSinceEpoch() <= 0) {
        const auto local = json->find("expiresOn");
        if (local != json->end() && local->is_string())
            expiresAt = QDateTime::fromString(toQString(local->get<std::string>()).left(19),
                                              QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    TokenGrant grant;
    grant.accessToken = toQString(token->get<std::string>());
    grant.expiresInSeconds = expiresAt.isValid() ? qMax<qint64>(0, nowUtc.secsTo(expiresAt)) : -1;
    return grant;
}

void AzureCliCredential::abortOperation()
{
    if (QProcess *process = m_process) {
        m_process = nullptr;
        process->disconnect(this);
        process->kill();
        process->deleteLater();
    }
}

} // namespace fmc
