#pragma once

// The secret scanner shared by tst_auth_secrets, tst_secrets_hygiene and tst_soak ("No secrets
// in logs or on disk" in docs/reliability-matrix.md): a search for canaries (tokens, codes,
// secrets) in text and in every file under a set of directories, which also catches a truncated
// copy of a canary. Each user plants a canary of its own and checks it is found, so a scan that
// silently sees nothing cannot pass. The log lines to scan come from LogCapture
// (tests/support/logcapture.h).

#include <QString>
#include <QStringList>

namespace fmc::test::secretscan {

//! Pieces of a canary that no harmless text contains, so that a truncated copy is caught too:
//! the first and last 20 characters of each part that varies (a JWT's payload and signature; its
//! header is the same for every token and not secret), or of the whole value.
QStringList fragments(const QString &secret);

//! Whether \a text holds \a secret, whole or a fragment.
bool leaks(const QString &text, const QString &secret);

//! The canaries of \a canaries that \a text holds (whole or a fragment).
QStringList leaked(const QString &text, const QStringList &canaries);

//! The first line of \a text that holds \a canary (whole or a fragment), cut to 300 characters
//! around it and with the canary's pieces replaced, so that a failure message shows where.
QString whereLeaked(const QString &text, const QString &canary);

//! What a scan of directories found.
struct FileScan {
    QStringList files;    //!< every file read
    QStringList findings; //!< "<path> holds <first 8 characters>..." per canary and file
};

//! Reads every file under \a directories (hidden ones too) and reports each canary it holds.
FileScan scanFiles(const QStringList &directories, const QStringList &canaries);

} // namespace fmc::test::secretscan
