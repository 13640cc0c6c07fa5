/**
 * The one name no parameter or property may have. `args.__proto__` reads the
 * prototype whenever the object has no own property of that name (and
 * assigning to it replaces the prototype), so a tool would receive
 * Object.prototype, and a `??=` default would write into every object. Other
 * names of Object.prototype (`constructor`, `toString`) are only shadowed:
 * the runtime reads arguments as own properties, so they are fine.
 */
export const PROTOTYPE_KEY = "__proto__";
