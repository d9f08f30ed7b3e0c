#pragma once

#include <QString>

namespace fmc {

//! \brief The rules for ids that go into a URL path (docs/reliability-matrix.md, "Ids in URL
//! paths"). Qt collapses `.` and `..` segments when it sends a URL, so an id of `..` taken from
//! the service would re-target a request (a confirmed delete of a database became a DELETE of
//! its workspace); every id is checked before a path is built from it, and nothing is sent when
//! one is refused.
namespace PathId {

//! A GUID in its canonical text form (8-4-4-4-12 hex digits, braces not allowed).
bool isGuid(const QString &id);
//! \brief Empty when \a id may be a path segment: not empty, not `.` or `..`, none of
//! `/ \ ? # %`, no control character or space. Otherwise a sentence saying why not (the id is
//! quoted, cut to a few characters).
QString check(const QString &id);
//! Like check(), and \a id must be a GUID (workspace and item ids: the contract's `format: uuid`).
QString checkGuid(const QString &id);
//! \brief Checks an encoded API path (`/workspaces/{ws}/mirroredDatabases/{id}/...`): every
//! segment passes check(), and the segment after `workspaces`, `mirroredDatabases` or `sqlEndpoints` is a GUID.
//! Empty when the path is fine, else why not.
QString checkPath(const QString &encodedPath);

} // namespace PathId
} // namespace fmc
