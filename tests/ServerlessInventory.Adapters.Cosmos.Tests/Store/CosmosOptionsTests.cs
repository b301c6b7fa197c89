using System.ComponentModel.DataAnnotations;

namespace ServerlessInventory.Adapters.Cosmos.Tests.Store;

public sealed class CosmosOptionsTests
{
    [Theory]
    [InlineData("https://contoso.documents.azure.com:443/", true)]
    [InlineData("http://contoso.documents.azure.com/", false)]
    [InlineData("https://127.0.0.1:8081/", true)]
    [InlineData("http://127.0.0.1:8081/", true)]
    public void Validate_AccountEndpoint_HttpsOrHttpToLoopbackOnly(string endpoint, bool valid)
    {
        var options = new CosmosOptions { AccountEndpoint = new Uri(endpoint) };

        var errors = new List<ValidationResult>();
        var ok = Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true);

        ok.ShouldBe(valid, string.Join("; ", errors.Select(e => e.ErrorMessage)));
    }

    [Fact]
    public void Validate_NoEndpoint_FailsNamingIt()
    {
        var options = new CosmosOptions();

        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true).ShouldBeFalse();

        errors.ShouldContain(e => e.MemberNames.Contains(nameof(CosmosOptions.AccountEndpoint)));
    }
}
