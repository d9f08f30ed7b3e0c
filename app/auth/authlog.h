#pragma once

#include <QLoggingCategory>

namespace fmc {

//! Sign-in logging. Never given a token, secret, authorization code, code_verifier or device_code.
Q_DECLARE_LOGGING_CATEGORY(lcAuth)

} // namespace fmc
