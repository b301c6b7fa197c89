namespace ServerlessInventory.Cli.Export;
