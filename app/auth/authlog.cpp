#include "app/auth/authlog.h"

namespace fmc {

Q_LOGGING_CATEGORY(lcAuth, "fmc.auth", QtInfoMsg)

} // namespace fmc
