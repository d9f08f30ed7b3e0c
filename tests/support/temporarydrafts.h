#pragma once
// A temporary drafts folder for the definition editor's tests.

#include "app/editor/draftstore.h"

#include <QDir>
#include <QTemporaryDir>

namespace fmc::test {

// Points every DraftStore at a temporary folder for the life of a test object.
class TemporaryDrafts
{
public:
    TemporaryDrafts() { DraftStore::setDirectoryForTesting(m_dir.path()); }
    ~TemporaryDrafts() { DraftStore::setDirectoryForTesting({}); }
    TemporaryDrafts(const TemporaryDrafts &) = delete;
    TemporaryDrafts &operator=(const TemporaryDrafts &) = delete;
    bool isValid() const { return m_dir.isValid(); }
    // Removes every draft, between test functions.
    void clear() { QDir(m_dir.path()).removeRecursively(); }
    QString path() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
};

} // namespace fmc::test
