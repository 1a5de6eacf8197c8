-- Whether the container's mount named no volume (-v /path, --mount without src, an image VOLUME): only volumes so used
-- go with the container's rm -v or --rm, as dockerd removes only mount points whose spec had no source.
ALTER TABLE volume_use ADD COLUMN anonymous boolean NOT NULL DEFAULT false;
