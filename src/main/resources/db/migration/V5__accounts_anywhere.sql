-- Links may act on accounts of a host site's table (USERS_TABLE), which a foreign key to app_user would refuse.
-- Links of an account whose password changes are ended by the product itself, so nothing relied on the cascade.
ALTER TABLE ${prefix}mailed_link ${drop_foreign_key} fk_mailed_link_account;
