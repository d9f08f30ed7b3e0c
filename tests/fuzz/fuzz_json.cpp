// libFuzzer target for fmc::parseJson, the bounded parser every document and response goes
// through. Invariants: never crashes, hangs or throws; a value it accepts serialises and parses
// back to the same value; a document deeper than the limit is refused (so the recursive
// nlohmann code behind it can never run out of stack).

#include "fuzzcheck.h"

#include "models/json.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data),
                                                     static_cast<qsizetype>(size));
    // A small depth limit makes the depth check reachable with short inputs.
    fmc::JsonLimits limits;
    limits.maxDepth = 8;
    QString error;
    const std::optional<fmc::Json> value = fmc::parseJson(bytes, &error, limits);
    if (!value) {
        FMC_FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    const QByteArray compact = fmc::dumpJson(*value);
    const std::optional<fmc::Json> again = fmc::parseJson(compact, nullptr, limits);
    FMC_FUZZ_CHECK(again.has_value());
    // NaN cannot appear (JSON has no NaN), so value equality is well defined here.
    FMC_FUZZ_CHECK(*again == *value);
    FMC_FUZZ_CHECK(fmc::dumpJson(*again) == compact);
    const QByteArray pretty = fmc::dumpJson(*value, 2);
    const std::optional<fmc::Json> fromPretty = fmc::parseJson(pretty, nullptr, limits);
    FMC_FUZZ_CHECK(fromPretty.has_value() && *fromPretty == *value);
    // The byte limit holds as well.
    fmc::JsonLimits tiny;
    tiny.maxBytes = 4;
    if (bytes.size() > tiny.maxBytes)
        FMC_FUZZ_CHECK(!fmc::parseJson(bytes, nullptr, tiny).has_value());
    return 0;
}
