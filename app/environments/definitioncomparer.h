#pragma once

#include "app/environments/definitionsource.h"
#include "app/api/apiresult.h"
#include "models/definitioncomparison.h"
#include "models/itemdefinition.h"

#include <QObject>
#include <QPointer>

#include <array>
#include <optional>

namespace fmc {

class ApiRequest;

//! \brief Compare: reads the `mirroring.json` of both sides (one `getDefinition` per database
//! side, long-running, both at once, each on its own side's client; nothing for a file side),
//! then hands the DefinitionComparison to finished(). Read-only: it sends no write.
class DefinitionComparer : public QObject
{
    Q_OBJECT
public:
    explicit DefinitionComparer(QObject *parent = nullptr);
    ~DefinitionComparer() override;

    //! Starts a comparison; one under way is abandoned (its answers dropped).
    void compare(const DefinitionSource &left, const DefinitionSource &right);
    //! Cancels the calls under way; cancelled() follows, and no further request is sent.
    void cancel();
    bool isRunning() const { return m_running; }

    //! \brief The `mirroring.json` of a `getDefinition` answer, or std::nullopt with why in
    //! \a why (the call's error, or what is wrong with the parts). Promote reads with it too.
    static std::optional<MirroringDefinition> definitionOf(const ApiResult<ItemDefinition> &result, QString *why);

Q_SIGNALS:
    //! \a done of \a total sides read.
    void progress(int done, int total);
    void finished(const fmc::DefinitionComparison &comparison);
    void failed(const QString &message);
    void cancelled();

private:
    void read(int side, const DefinitionSource &source);
    void sideRead(int side, const MirroringDefinition &definition);
    void stopRequests();

    std::array<std::optional<MirroringDefinition>, 2> m_read;
    std::array<QPointer<ApiRequest>, 2> m_requests;
    int m_generation = 0;
    bool m_running = false;
};

} // namespace fmc
