using System.ComponentModel.DataAnnotations;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Adapters.Tables;

/// <summary>
/// Where the repositories' tables are. Bound from the <c>Tables</c> section and validated at start. Exactly one of
/// <see cref="ServiceUri"/> (Azure, with managed identity) or <see cref="ConnectionString"/> (Azurite, or an account key)
/// must be set. Neither is ever logged.
/// </summary>
public sealed class TablesOptions : IValidatableObject
{
    public const string SectionName = "Tables";

    /// <summary>
    /// The account's table endpoint, <c>https://{account}.table.core.windows.net</c>, used with the registered
    /// <c>TokenCredential</c> (else <c>DefaultAzureCredential</c>: managed identity in Azure). No default.
    /// </summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>A storage connection string (Azurite's well-known devstoreaccount1 one locally). No default.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Put before every table name (default empty), so several environments or test runs can share one account.
    /// Letters and digits only, starting with a letter, as table names must.
    /// </summary>
    [RegularExpression("^([A-Za-z][A-Za-z0-9]{0,40})?$", ErrorMessage = "TablePrefix must be letters and digits, starting with a letter, at most 41 characters")]
    public string TablePrefix { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasUri = ServiceUri is not null;
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        if (hasUri == hasConnectionString)
        {
            yield return new ValidationResult("set exactly one of ServiceUri (Azure, managed identity) or ConnectionString (Azurite, keys)", [nameof(ServiceUri), nameof(ConnectionString)]);
        }
        // With Entra ID every request carries a bearer token: only a loopback emulator may be reached over plain http.
        if (ServiceUri is { } uri && !Guard.IsHttpsOrLoopback(uri))
        {
            yield return new ValidationResult("ServiceUri must be an absolute https URL such as https://{account}.table.core.windows.net", [nameof(ServiceUri)]);
        }
    }
}
