package io.berth.container.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Docker's Linux parser rules for {@code -v}, {@code --mount}, {@code --tmpfs} and {@code --volumes-from}. */
class MountParserTest {
    @Test
    void aBindOfAnAbsolutePathKeepsItsModeAndPropagation() {
        MountPoint bind = MountParser.bind("/srv/app/:/app:ro,rslave,Z", null);

        assertThat(bind.type()).isEqualTo("bind");
        assertThat(bind.source()).isEqualTo("/srv/app");
        assertThat(bind.destination()).isEqualTo("/app");
        assertThat(bind.rw()).isFalse();
        assertThat(bind.mode()).isEqualTo("ro,rslave,Z");
        assertThat(bind.propagation()).isEqualTo("rslave");
        assertThat(bind.createSource()).isTrue();
        assertThat(MountParser.bind("/srv:/srv", null).propagation()).isEqualTo("rprivate");
    }

    @Test
    void aNameOrNothingBeforeTheTargetIsAVolume() {
        MountPoint named = MountParser.bind("data:/d:nocopy", "local");
        MountPoint anonymous = MountParser.bind("/d", null);

        assertThat(named.type()).isEqualTo("volume");
        assertThat(named.name()).isEqualTo("data");
        assertThat(named.driver()).isEqualTo("local");
        assertThat(named.copyData()).isFalse();
        assertThat(named.propagation()).isEmpty();
        assertThat(named.mode()).isEqualTo("nocopy");
        assertThat(MountParser.bind("data:/d", null).mode()).isEqualTo("z");
        assertThat(anonymous.mode()).isEmpty();
        assertThat(anonymous.name()).isNull();
        assertThat(anonymous.copyData()).isTrue();
        assertThat(anonymous.rw()).isTrue();
    }

    @Test
    void modesAreAtMostOneOfEachKind() {
        assertThat(MountParser.validMode("ro,z,rshared,nocopy,cached")).isTrue();
        assertThat(MountParser.validMode("")).isTrue();
        assertThat(MountParser.validMode("ro,rw")).isFalse();
        assertThat(MountParser.validMode("z,Z")).isFalse();
        assertThat(MountParser.validMode("shared,slave")).isFalse();
        assertThat(MountParser.validMode("ro,")).isFalse();
        assertThat(MountParser.validMode("exec")).isFalse();
    }

    @Test
    void badBindsAreRefusedInDockersWords() {
        assertRefused(() -> MountParser.bind(":/d", null), "invalid volume specification: ':/d'");
        assertRefused(() -> MountParser.bind("/d:ro", null), "invalid volume specification: '/d:ro'");
        assertRefused(() -> MountParser.bind("v:/d:shared", null), "invalid volume specification: 'v:/d:shared':"
                + " invalid mount config for type \"volume\": field BindOptions must not be specified");
        assertRefused(() -> MountParser.bind("/d:/e:rw:x", null), "invalid volume specification: '/d:/e:rw:x'");
        assertRefused(() -> MountParser.bind("/d:ro:x", null), "invalid mode: x");
    }

    @Test
    void mountsAreCheckedByTheirType() {
        MountPoint volume = MountParser.mount(new MountSpec("volume", "v", "/d/", true, null, null,
                new MountSpec.VolumeOptions(false, Map.of("a", "b"), new MountSpec.Driver("local", Map.of("o", "x")), null),
                null), null);
        MountPoint bind = MountParser.mount(new MountSpec("bind", "/srv", "/d", false, "cached",
                new MountSpec.BindOptions("shared", true, true, false, false), null, null), null);
        MountPoint forced = MountParser.mount(new MountSpec("bind", "/srv", "/d", true, null,
                new MountSpec.BindOptions(null, false, false, false, true), null, null), null);

        assertThat(volume.destination()).isEqualTo("/d");
        assertThat(volume.mode()).isEqualTo("z");
        assertThat(volume.rw()).isFalse();
        assertThat(volume.labels()).isEqualTo(Map.of("a", "b"));
        assertThat(volume.driverOpts()).isEqualTo(Map.of("o", "x"));
        assertThat(bind.propagation()).isEqualTo("shared");
        assertThat(bind.nonRecursive()).isTrue();
        assertThat(bind.createSource()).isTrue();
        assertThat(forced.forceRecursiveReadOnly()).isTrue();
        assertRefused(() -> MountParser.mount(new MountSpec("bind", "/srv", "/d", true, null,
                new MountSpec.BindOptions("rshared", false, false, false, true), null, null), null),
                "option ReadOnlyForceRecursive requires propagation to be rprivate");
        assertRefused(() -> MountParser.mount(new MountSpec("bind", "srv", "/d", false, null, null, null, null), null),
                "invalid mount config for type \"bind\": invalid mount path: 'srv' mount path must be absolute");
        assertRefused(() -> MountParser.mount(new MountSpec("volume", "v", null, false, null, null, null, null), null),
                "invalid mount config for type \"volume\": field Target must not be empty");
        assertRefused(() -> MountParser.mount(new MountSpec("volume", "v", "/d/..", false, null, null, null, null), null),
                "invalid mount config for type \"volume\": invalid specification: destination can't be '/'");
    }

    @Test
    void tmpfsOptionsAreDockersDataString() {
        assertThat(MountParser.tmpfsData(new MountSpec.TmpfsOptions(1 << 30, 0700, List.of(List.of("exec"))), true))
                .isEqualTo("ro,mode=700,size=1g,exec");
        assertThat(MountParser.tmpfsData(new MountSpec.TmpfsOptions(1000, 0, null), false)).isEqualTo("size=1000");
        assertThat(MountParser.tmpfs("/run/", "size=1m,ro").rw()).isFalse();
        assertThat(MountParser.tmpfs("/run/", "size=1m,ro").destination()).isEqualTo("/run");
        assertRefused(() -> MountParser.tmpfs("/", ""), "invalid specification: destination can't be '/'");
    }

    @Test
    void volumesFromTakesAContainerAndAReadWriteMode() {
        assertThat(MountParser.volumesFrom("db")).isEqualTo(new MountParser.VolumesFrom("db", true));
        assertThat(MountParser.volumesFrom("db:ro")).isEqualTo(new MountParser.VolumesFrom("db", false));
        assertThat(MountParser.volumesFrom("db:rw,z")).isEqualTo(new MountParser.VolumesFrom("db", true));
        assertRefused(() -> MountParser.volumesFrom(""), "volumes-from specification cannot be an empty string");
        assertRefused(() -> MountParser.volumesFrom("db:nocopy"), "invalid mode: nocopy");
    }

    @Test
    void pathsAreCleanedAsGoCleansThem() {
        assertThat(MountParser.clean("/a/./b//c/")).isEqualTo("/a/b/c");
        assertThat(MountParser.clean("/a/../../b")).isEqualTo("/b");
        assertThat(MountParser.clean("/..")).isEqualTo("/");
    }

    private static void assertRefused(Runnable parse, String message) {
        assertThatThrownBy(parse::run).isInstanceOf(InvalidParameterException.class).hasMessage(message);
    }
}
