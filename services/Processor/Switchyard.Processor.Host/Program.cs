using Switchyard.Emulators.LocalRun;
using Switchyard.Hosting;
using Switchyard.Processor;

var builder = WebApplication.CreateBuilder(args);
ISwitchyardModule[] emulators = builder.Environment.IsDevelopment() ? builder.AddEmulatorsForMissingCredentials() : [];
builder.AddSwitchyard([new ProcessorModule(), .. emulators]);
return await builder.Build().RunSwitchyardAsync();
