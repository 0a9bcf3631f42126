-- Runs once, when the postgres volume is first initialised: the registry's own database, so its
-- schemas survive a registry restart without sharing tables with the app.
CREATE DATABASE apicurio;
