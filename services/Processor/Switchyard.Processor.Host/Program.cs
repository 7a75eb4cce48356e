#if SWITCHYARD_AMAZON_SQS
using Switchyard.AmazonSqs.Transport;
#endif
using Switchyard.Emulators.LocalRun;
using Switchyard.Hosting;
using Switchyard.Processor;

var builder = WebApplication.CreateBuilder(args);
#if SWITCHYARD_AMAZON_SQS
builder.AddAmazonSqsTransport();
#endif
ISwitchyardModule[] emulators = builder.Environment.IsDevelopment() ? builder.AddEmulatorsForMissingCredentials() : [];
builder.AddSwitchyard([new ProcessorModule(), .. emulators]);
return await builder.Build().RunSwitchyardAsync();
