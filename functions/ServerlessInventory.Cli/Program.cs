using ServerlessInventory.Cli;

return await OpsApp.Create().RunAsync(args).ConfigureAwait(false);
