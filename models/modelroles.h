#pragma once

#include <Qt>

namespace fmc {

//! Roles shared by every item model in models/ (model-specific roles start at FirstModelRole).
enum ModelRole {
    UnderlyingDataRole = Qt::UserRole + 1, //!< Raw value for sorting: numbers, QDateTime, text.
    KeyRole,                               //!< The row's key as text.
    FirstModelRole,
};

} // namespace fmc
