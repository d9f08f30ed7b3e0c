#pragma once

#include "sandbox/faultrule.h"

#include <QList>
#include <QRandomGenerator>

#include <optional>

namespace fmc::sandbox {

//! \brief The fault rules in force, matched in the order they were added.
//! Deterministic: whether a rule with a probability fires comes from a generator seeded with
//! the sandbox's seed.
class FaultInjector
{
public:
    explicit FaultInjector(quint32 seed = 1);

    //! Adds \a rule and returns its id (> 0).
    int add(FaultRule rule);
    bool remove(int id);
    void clear();
    QList<FaultRule> rules() const { return m_rules; }

    //! The first rule that matches the request and fires (its count is used up); none otherwise.
    //! \a operationId is the endpoint's spec operationId, empty off the API.
    std::optional<FaultRule> take(const QByteArray &method, const QString &path,
                                  const QString &operationId);

    //! True when \a operation names \a operationId: the operationId itself, the part after the
    //! first '_' ("getMirroringStatus"; a preview operation's without its other '_' and its
    //! "_(beta)": "refreshCatalogMetadata"), or that part without "MirroredDatabase"
    //! ("getDefinition").
    static bool operationMatches(const QString &operation, const QString &operationId);

private:
    QList<FaultRule> m_rules;
    QRandomGenerator m_random;
    int m_nextId = 1;
};

} // namespace fmc::sandbox
