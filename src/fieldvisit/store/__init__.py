"""The local encrypted store: SQLCipher engine, migrations, repositories, outbox and attachment vault."""
