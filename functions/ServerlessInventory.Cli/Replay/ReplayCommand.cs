namespace ServerlessInventory.Cli.Replay;
