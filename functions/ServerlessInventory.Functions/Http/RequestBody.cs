using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Functions.Http;

/// <summary>Reads request bodies without trusting their size or shape.</summary>
internal static class RequestBody
{
    /// <summary>The raw body, or null when it is longer than <paramref name="maxBytes"/> (read no further than that).</summary>
    public static async Task<byte[]?> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// A small JSON body as <typeparamref name="T"/>, read under <see cref="StrictJson"/> as webhook bodies are; a breach
    /// is a validation error naming the member at fault (or the body).
    /// </summary>
    public static async Task<T> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, StrictJson.SerializerOptions, cancellationToken).ConfigureAwait(false)
                ?? throw new DomainValidationException("body", "is required");
        }
        catch (JsonException invalid)
        {
            throw Invalid(invalid);
        }
    }

    /// <summary>A body already read (<see cref="ReadBytesAsync"/>) as <typeparamref name="T"/> (null for JSON <c>null</c>), under the same policy and errors.</summary>
    public static T? ParseJson<T>(byte[] body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, StrictJson.SerializerOptions);
        }
        catch (JsonException invalid)
        {
            throw Invalid(invalid);
        }
    }

    private static DomainValidationException Invalid(JsonException invalid)
    {
        var (field, reason) = StrictJson.Describe(invalid);
        return new DomainValidationException(field, reason);
    }
}
