using Microsoft.Extensions.Time.Testing;
using ServerlessInventory.Core.Operations.Health;
using ServerlessInventory.Core.Tests.Support;

namespace ServerlessInventory.Core.Tests.Operations.Health;

public sealed class WebhookWindowTests
{
    private readonly FakeTimeProvider _time = new(TestData.Start);
    private readonly WebhookWindow _window;

    public WebhookWindowTests() => _window = new WebhookWindow(_time);

    [Fact]
    public void Over_OutcomesBothSidesOfTheWindow_CountsOnlyThoseWithinIt()
    {
        _window.Record(accepted: 3, duplicates: 1, parked: 0);
        _time.Advance(TimeSpan.FromMinutes(4));
        _window.Record(accepted: 2, duplicates: 0, parked: 1);
        _time.Advance(TimeSpan.FromMinutes(2));

        _window.Over(TimeSpan.FromMinutes(5)).ShouldBe(new WebhookCounts(2, 0, 1));
        _window.Over(TimeSpan.FromMinutes(60)).ShouldBe(new WebhookCounts(5, 1, 1));
    }

    [Fact]
    public void Over_SameSecondRecordedTwice_AddsUp()
    {
        _window.Record(1, 0, 0);
        _window.Record(1, 2, 3);

        _window.Over(TimeSpan.FromMinutes(1)).ShouldBe(new WebhookCounts(2, 2, 3));
    }

    [Fact]
    public void Record_ExactlyAnHourLater_ReusesTheBucketWithoutTheOldCounts()
    {
        _window.Record(7, 0, 0);
        _time.Advance(WebhookWindow.Span);

        _window.Record(1, 0, 0);

        _window.Over(WebhookWindow.Span).ShouldBe(new WebhookCounts(1, 0, 0));
    }

    [Fact]
    public void Over_MoreThanAnHourAfterTheLastOutcome_IsEmpty()
    {
        _window.Record(4, 4, 4);
        _time.Advance(TimeSpan.FromMinutes(61));

        _window.Over(WebhookWindow.Span).Total.ShouldBe(0);
    }
}
