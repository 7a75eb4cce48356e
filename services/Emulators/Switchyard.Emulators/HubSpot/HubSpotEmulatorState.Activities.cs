namespace Switchyard.Emulators.HubSpot;

// Reading what was written: tasks (the co-selling follow-ups Switchyard creates on deals) and every object of a type.
public sealed partial class HubSpotEmulatorState
{
    /// <summary>Every task, in id order, with the deals it is associated with.</summary>
    public IReadOnlyList<EmulatedTask> Tasks
    {
        get
        {
            lock (_lock)
            {
                return _objects.Where(o => o.Key.Type == HubSpotObjectTypes.Tasks).OrderBy(o => o.Key.Id)
                    .Select(o => new EmulatedTask(o.Key.Id, o.Value.Properties,
                        LinkedIds(HubSpotObjectTypes.Tasks, o.Key.Id, HubSpotObjectTypes.Deals).Select(l => l.Id).ToList()))
                    .ToList();
            }
        }
    }

    /// <summary>The tasks associated with a deal.</summary>
    public IReadOnlyList<EmulatedTask> TasksOnDeal(long dealId) => Tasks.Where(t => t.DealIds.Contains(dealId)).ToList();

    /// <summary>Every object of a type (<c>deals</c>, <c>companies</c>, ...) as it is now, in id order: e.g. the deals a referral created.</summary>
    public IReadOnlyList<EmulatedObject> Objects(string objectType)
    {
        var type = HubSpotObjectTypes.Normalize(objectType) ?? throw new ArgumentOutOfRangeException(nameof(objectType), objectType,
            $"The emulator knows the object types {string.Join(", ", HubSpotObjectTypes.All)}.");
        return All(type).Select(o => new EmulatedObject(type, o.Id, o.Object.Properties, o.Object.CreatedAt, o.Object.UpdatedAt)).ToList();
    }

    /// <summary>The ids of the objects of <paramref name="toObjectType"/> associated with an object, and whether each association is primary.</summary>
    public IReadOnlyList<(long Id, bool Primary)> AssociationsOf(string objectType, long id, string toObjectType)
    {
        var type = HubSpotObjectTypes.Normalize(objectType) ?? throw new ArgumentOutOfRangeException(nameof(objectType), objectType, "Not an object type.");
        var toType = HubSpotObjectTypes.Normalize(toObjectType) ?? throw new ArgumentOutOfRangeException(nameof(toObjectType), toObjectType, "Not an object type.");
        return Associated(type, id, toType);
    }

    internal IReadOnlyList<(long Id, StoredObject Object)> All(string type)
    {
        lock (_lock)
            return _objects.Where(o => o.Key.Type == type).OrderBy(o => o.Key.Id).Select(o => (o.Key.Id, o.Value.Copy())).ToList();
    }
}

/// <summary>A task and the deals it is associated with.</summary>
/// <param name="Id">The task id.</param>
/// <param name="Properties">Its properties (<c>hs_task_subject</c>, <c>hs_task_body</c>, <c>hs_timestamp</c>, <c>hubspot_owner_id</c>, ...).</param>
/// <param name="DealIds">The deals it is associated with.</param>
public sealed record EmulatedTask(long Id, IReadOnlyDictionary<string, string?> Properties, IReadOnlyList<long> DealIds)
{
    /// <summary>Its subject.</summary>
    public string? Subject => Properties.GetValueOrDefault("hs_task_subject");

    /// <summary>Its owner's id.</summary>
    public string? OwnerId => Properties.GetValueOrDefault("hubspot_owner_id");
}
