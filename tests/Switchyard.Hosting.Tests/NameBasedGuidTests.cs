using Switchyard.Hosting.Messaging;

namespace Switchyard.Hosting.Tests;

public class NameBasedGuidTests
{
    static readonly Guid Dns = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    static readonly Guid Url = new("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    [Fact]
    public void Ids_match_version_5_as_other_implementations_compute_it()
    {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"), uuid.uuid5(uuid.NAMESPACE_URL, "https://switchyard.dev/ä")
        NameBasedGuid.Create(Dns, "python.org").ShouldBe(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
        NameBasedGuid.Create(Url, "https://switchyard.dev/ä").ShouldBe(new Guid("fb27cbaa-105f-5290-a960-11a04e99dfd9"));
    }

    [Fact]
    public void The_same_name_gives_the_same_id_and_another_name_another() =>
        NameBasedGuid.Create(Dns, "a").ShouldSatisfyAllConditions(
            id => id.ShouldBe(NameBasedGuid.Create(Dns, "a")),
            id => id.ShouldNotBe(NameBasedGuid.Create(Dns, "b")),
            id => id.ShouldNotBe(NameBasedGuid.Create(Url, "a")));
}
