// libFuzzer target for the error decoder: ApiError::fromHttp (any status, any body) and
// ErrorResponse::fromJson. The first two bytes choose the HTTP status, the rest is the body.
// Invariants: no crash or hang; the status is kept; a 2xx/3xx is not an error and every other
// status (1xx too) is one; the user message is never empty for an error; an ErrorResponse that decodes
// re-encodes to a document that decodes to the same value.

#include "fuzzcheck.h"

#include "models/apierror.h"
#include "models/errorresponse.h"
#include "models/json.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const int status = 100 + (data[0] << 8 | data[1]) % 500;
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data + 2),
                                                    static_cast<qsizetype>(size - 2));

    const fmc::ApiError error = fmc::ApiError::fromHttp(status, body);
    FMC_FUZZ_CHECK(error.httpStatus() == status);
    // 2xx/3xx are not errors; 4xx, 5xx and nonsense statuses (1xx) from a broken server are.
    FMC_FUZZ_CHECK(error.isError() == !(status >= 200 && status < 400));
    if (error.isError())
        FMC_FUZZ_CHECK(!error.userMessage().isEmpty());
    (void)error.toLogString();
    (void)fmc::ApiError::kindName(error.kind());

    const std::optional<fmc::Json> json = fmc::parseJson(body);
    if (!json)
        return 0;
    const std::optional<fmc::ErrorResponse> decoded = fmc::ErrorResponse::fromJson(*json);
    if (!decoded)
        return 0;
    const fmc::Json encoded = decoded->toJson();
    const std::optional<fmc::ErrorResponse> again = fmc::ErrorResponse::fromJson(encoded);
    FMC_FUZZ_CHECK(again.has_value());
    FMC_FUZZ_CHECK(again->toJson() == encoded);
    return 0;
}
